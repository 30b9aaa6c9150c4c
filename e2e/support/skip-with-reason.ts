import { test } from '@playwright/test';

/**
 * Skips the running test when `reason` is given, printing it first (with the test's title) so the
 * run's output says what was not tested and why; does nothing when `reason` is null.
 */
export function skipWithReason(reason: string | null): void {
  if (reason === null) return;
  console.log(`[e2e skipped] ${test.info().title}: ${reason}`);
  test.skip(true, reason);
}
