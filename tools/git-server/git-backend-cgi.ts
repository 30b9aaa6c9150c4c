// The CGI side of the test git server: where Debian's `git http-backend` is and how its answer is read.

/** Where Debian's git keeps its CGI program. */
export const GIT_HTTP_BACKEND = process.env.GIT_HTTP_BACKEND ?? '/usr/lib/git-core/git-http-backend';

/**
 * How a push may be held, so that a test can kill the server at a known point of it:
 * `before-receiving` never passes the pushed pack to git (the push cannot land);
 * `before-answering` lets git receive it (the push lands) but never answers the client.
 */
export type PushStall = 'before-receiving' | 'before-answering';

/** Where the CGI header block ends (a blank line, CRLF or LF), or null when it has not yet. */
export function headerEnd(bytes: Buffer): { at: number; length: number } | null {
  const crlf = bytes.indexOf('\r\n\r\n');
  const lf = bytes.indexOf('\n\n');
  if (crlf !== -1 && (lf === -1 || crlf < lf)) return { at: crlf, length: 4 };
  if (lf !== -1) return { at: lf, length: 2 };
  return null;
}

/** The HTTP status (from a `Status:` header, 200 without one) and the other headers of a CGI answer. */
export function parseCgiHeaders(block: string): { status: number; headers: Record<string, string> } {
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10) || 500;
    else headers[name] = value;
  }
  return { status, headers };
}
