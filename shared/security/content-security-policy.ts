/**
 * The Content-Security-Policy of every page the workbench shows (docs/GUARANTEES.md S2): scripts and
 * styles only from the app itself, no inline code, no plugins, no frames, connections only back to
 * the app. Sent as a header by the browser host and the Electron protocol handler, and written into
 * index.html at build time.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
