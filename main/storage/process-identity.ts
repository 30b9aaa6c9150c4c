import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';

/**
 * Who a process is, precisely enough to tell later whether it is still running: a pid alone is
 * not enough, because pids are reused (after a reboot almost at once), so on Linux the boot id and
 * the kernel's start time of the process are recorded too.
 */
export interface ProcessIdentity {
  pid: number;
  hostname: string;
  /** `/proc/sys/kernel/random/boot_id` where available (Linux), else null. */
  bootId: string | null;
  /** Start time of the process in clock ticks since boot (`/proc/<pid>/stat` field 22), else null. */
  startTicks: string | null;
}

/** What can be said about a recorded process from this machine. */
export type ProcessLiveness = 'running' | 'gone' | 'other-host';

/** The identity of the current process. */
export async function currentProcessIdentity(): Promise<ProcessIdentity> {
  return {
    pid: process.pid,
    hostname: hostname(),
    bootId: await readBootId(),
    startTicks: await readStartTicks(process.pid),
  };
}

/**
 * Whether the process recorded in `identity` is still running. A process on another host cannot be
 * checked and is reported as such (callers must then assume it is alive). On this host a process is
 * gone when its pid does not exist, when the machine rebooted since, or when the pid now belongs to
 * a process that started at another time (pid reuse).
 */
export async function processLiveness(identity: ProcessIdentity): Promise<ProcessLiveness> {
  if (identity.hostname !== hostname()) return 'other-host';
  const bootId = await readBootId();
  if (identity.bootId !== null && bootId !== null && identity.bootId !== bootId) return 'gone';
  if (!pidExists(identity.pid)) return 'gone';
  if (identity.startTicks !== null) {
    const startTicks = await readStartTicks(identity.pid);
    if (startTicks !== null && startTicks !== identity.startTicks) return 'gone';
  }
  return 'running';
}

/** Whether a process with this pid exists on this host (signal 0 probes without signalling). */
export function pidExists(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readBootId(): Promise<string | null> {
  try {
    return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim() || null;
  } catch {
    return null;
  }
}

async function readStartTicks(pid: number): Promise<string | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command name) may hold spaces and parentheses: count fields after the last ')'.
    const afterName = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // afterName[0] is field 3 (state), so field 22 (starttime) is afterName[19].
    return afterName[19] ?? null;
  } catch {
    return null;
  }
}
