import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { sessionCgroupPids } from '../src/host-agent/session-cgroup.js';

// What a session host spends: memory of each desktop's processes, and CPU time of the host, of the desktops
// and of the platform's own processes, read from /proc and the desktops' cgroups.

export interface Memory {
  /** Shared pages divided among the processes that map them: what the desktop adds to the host. */
  pssKb: number;
  rssKb: number;
  /** Pages of the desktop's processes alone (private clean and dirty). */
  ussKb: number;
  /** PSS by program name, for finding what weighs. */
  byProgram: Map<string, number>;
}

/** The pids of a desktop, from its cgroup (every process of the session, however started). */
export function desktopPids(sessionId: string): Promise<number[]> {
  return sessionCgroupPids(sessionId);
}

export function memoryOf(pids: number[]): Memory {
  const memory: Memory = { pssKb: 0, rssKb: 0, ussKb: 0, byProgram: new Map() };
  for (const pid of pids) {
    const rollup = read(`/proc/${pid}/smaps_rollup`);
    if (!rollup) continue;
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0);
    const pss = field('Pss');
    memory.pssKb += pss;
    memory.rssKb += field('Rss');
    memory.ussKb += field('Private_Clean') + field('Private_Dirty');
    const name = programName(pid);
    memory.byProgram.set(name, (memory.byProgram.get(name) ?? 0) + pss);
  }
  return memory;
}

/** The host's CPU counters: all time and idle time (idle and iowait), in clock ticks over all CPUs. */
export function hostCpu(): { total: number; idle: number } {
  const line = (read('/proc/stat') ?? '').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  return { total, idle: (ticks[3] ?? 0) + (ticks[4] ?? 0) };
}

/**
 * CPU time (user and system) each process has used so far, in clock ticks, with that of the children it has
 * waited for: short-lived helpers count too, each once.
 */
export function cpuTicksOf(pids: number[]): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const pid of pids) {
    const stat = read(`/proc/${pid}/stat`);
    if (!stat) continue;
    // The fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks.set(
      pid,
      [11, 12, 13, 14].reduce((sum, field) => sum + Number(fields[field]), 0),
    );
  }
  return ticks;
}

/** CPU time by program name, in clock ticks, for finding what weighs. */
export function cpuTicksByProgram(pids: number[]): Map<string, number> {
  const byProgram = new Map<string, number>();
  for (const [pid, ticks] of cpuTicksOf(pids)) {
    const name = programName(pid);
    byProgram.set(name, (byProgram.get(name) ?? 0) + ticks);
  }
  return byProgram;
}

/** Ticks used between two readings by the processes of the second (one that began meanwhile from zero). */
export function ticksBetween(before: Map<number, number>, after: Map<number, number>): number {
  let used = 0;
  for (const [pid, ticks] of after) used += ticks - (before.get(pid) ?? 0);
  return used;
}

/** ticksBetween by program name. */
export function ticksByProgramBetween(before: Map<number, number>, after: Map<number, number>) {
  const byProgram = new Map<string, number>();
  for (const [pid, ticks] of after) {
    const name = programName(pid);
    byProgram.set(name, (byProgram.get(name) ?? 0) + ticks - (before.get(pid) ?? 0));
  }
  return byProgram;
}

/** A process and all its descendants, from /proc. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = read(`/proc/${entry}/stat`);
    if (!stat) continue;
    const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  for (let next = [root]; next.length > 0; next = next.flatMap((pid) => children.get(pid) ?? [])) {
    tree.push(...next);
  }
  return tree;
}

export function loadAverage(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');
}

/** The program's name; for mona's own processes, the command they run (`start`, `host-agent`). */
function programName(pid: number): string {
  const name = (read(`/proc/${pid}/comm`) ?? '?').trim();
  const words = (read(`/proc/${pid}/cmdline`) ?? '').split('\0');
  const mona = words.findIndex((word) => word.endsWith('cli/main.js'));
  return mona >= 0 ? `mona ${words[mona + 1]}` : name;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
