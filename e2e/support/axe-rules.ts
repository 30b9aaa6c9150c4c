import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Runs only the given axe-core rules on the page and describes every violation, whatever its impact.
 * Inside a modal dialog axe cannot always tell what lies behind a control and files its contrast as
 * "needs review", with the ratio it did measure on the control's own colours: a measured ratio under
 * the required one counts as a violation too (white text on a white button measures 1:1).
 */
export async function violationsOf(page: Page, rules: string[]): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withRules(rules).analyze();
  const lowMeasuredContrast = results.incomplete
    .filter((r) => r.id === 'color-contrast')
    .flatMap((r) =>
      r.nodes.filter((n) =>
        n.any.some((check) => {
          const data = check.data as { contrastRatio?: number; expectedContrastRatio?: string } | null;
          return !!data?.contrastRatio && data.contrastRatio < Number.parseFloat(data.expectedContrastRatio ?? '4.5');
        }),
      ),
    )
    .map((n) => `color-contrast (measured): ${n.target.join(' ')} — ${n.any.map((check) => check.message).join('; ')}`);
  return [...results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} — ${n.failureSummary ?? ''}`)), ...lowMeasuredContrast];
}
