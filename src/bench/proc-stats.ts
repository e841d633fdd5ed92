import fs from 'node:fs';

/** Peak resident memory of a live process in MB (Linux `VmHWM`), or null where /proc is not there. */
export function peakRssMb(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time a process has used, in clock ticks (Linux `/proc/<pid>/stat` utime + stime), or null. */
function cpuTicks(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Waits until a server has finished the requests still queued when the load stopped (its CPU
 * use falls under ~10% for a quarter second), so they do not slow the next measurement.
 * Where /proc is not there, waits one second.
 */
export async function waitIdle(pid: number | undefined, timeoutMs = 60_000): Promise<void> {
  let before = pid === undefined ? null : cpuTicks(pid);
  if (before === null) return sleep(1000);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await sleep(250);
    const now = cpuTicks(pid!);
    if (now === null || now - before <= 2) return;
    before = now;
  }
}

function cpuTimes(): { busy: number; total: number } | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const n = line.trim().split(/\s+/).slice(1).map(Number);
    const total = n.reduce((a, b) => a + b, 0);
    return { busy: total - (n[3] ?? 0) - (n[4] ?? 0), total };
  } catch {
    return null;
  }
}

/** The share of the machine's CPU time that was busy over `ms` (0–1), or null without /proc. */
export async function machineBusy(ms = 1000): Promise<number | null> {
  const a = cpuTimes();
  await sleep(ms);
  const b = cpuTimes();
  if (!a || !b || b.total === a.total) return null;
  return (b.busy - a.busy) / (b.total - a.total);
}
