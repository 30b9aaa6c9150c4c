import { spawnSync } from 'node:child_process';

/**
 * Why Debian's `git` command cannot be run here, or null when it can: for tests that build or read
 * a repository with it (histories, object checks) and need no git server.
 */
export function debianGitUnavailableReason(): string | null {
  const run = spawnSync('git', ['--version'], { encoding: 'utf8' });
  if (run.error) return `the git command cannot be run (${run.error.message}; apt-get install git)`;
  if (run.status !== 0) return `git --version failed (${run.stderr.trim() || `exit ${run.status}`})`;
  return null;
}
