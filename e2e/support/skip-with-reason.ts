import { test } from '@playwright/test';

/**
 * Skips the running test when `reason` is given, printing it first (with the test's title) so the
 * run's output says what was not tested and why; does nothing when `reason` is null. A blank reason
 * fails the test instead: a skip that cannot say why is a defect, not a skip.
 */
export function skipWithReason(reason: string | null): void {
  if (reason === null) return;
  const said = reason.trim();
  if (said === '') throw new Error(`${test.info().title}: asked to be skipped without a reason.`);
  console.log(`[e2e skipped] ${test.info().title}: ${said}`);
  test.skip(true, said);
}
