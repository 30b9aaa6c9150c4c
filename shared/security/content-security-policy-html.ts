import { CONTENT_SECURITY_POLICY } from './content-security-policy.js';

/** The placeholder in renderer/index.html's Content-Security-Policy meta tag. */
export const CSP_PLACEHOLDER = '%CORROBORATE_CSP%';

/** The page's HTML with the Content-Security-Policy written into its meta tag, as the build writes it. */
export function withContentSecurityPolicy(html: string): string {
  if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html has no ${CSP_PLACEHOLDER} placeholder for the Content-Security-Policy.`);
  return html.replace(CSP_PLACEHOLDER, CONTENT_SECURITY_POLICY);
}
