import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { isErrorCode } from '../storage/safe-path.js';

/** What one desktop may use of the host; null: no limit. */
export interface SessionLimits {
  /** CPUs' worth of time per period, e.g. 1.5. */
  cpus: number | null;
  memoryBytes: number | null;
}

/**
 * A cgroup per session holds every process of it, however started: a process can make itself a network
 * namespace of its own (through an unprivileged user namespace) and so leave the session's, but no process
 * other than root's can leave its cgroup. The v1 "pids" hierarchy when mounted, else a unified (v2) one.
 */
const V1 = '/sys/fs/cgroup';
const TRACKING = [join(V1, 'pids'), V1];
const CFS_PERIOD_US = 100_000;

interface Hierarchy {
  root: string;
  /** The files of the session's cgroup to write, and what. */
  limits(limits: SessionLimits): [file: string, value: string][];
}

function hierarchies(): { tracking: string | null; limiting: Hierarchy[]; unified: boolean } {
  const tracking = TRACKING.find((dir) => existsSync(join(dir, 'cgroup.procs'))) ?? null;
  const unified = tracking === V1;
  if (unified) {
    const limits = (wanted: SessionLimits): [string, string][] => [
      ...(wanted.cpus === null
        ? []
        : [['cpu.max', `${cfsQuota(wanted.cpus)} ${CFS_PERIOD_US}`] as [string, string]]),
      ...(wanted.memoryBytes === null
        ? []
        : [['memory.max', String(wanted.memoryBytes)] as [string, string]]),
    ];
    return { tracking, limiting: [{ root: V1, limits }], unified };
  }
  const limiting: Hierarchy[] = [
    {
      root: join(V1, 'cpu'),
      limits: (wanted) =>
        wanted.cpus === null
          ? []
          : [
              ['cpu.cfs_period_us', String(CFS_PERIOD_US)],
              ['cpu.cfs_quota_us', String(cfsQuota(wanted.cpus))],
            ],
    },
    {
      root: join(V1, 'memory'),
      limits: (wanted) =>
        wanted.memoryBytes === null ? [] : [['memory.limit_in_bytes', String(wanted.memoryBytes)]],
    },
  ];
  return {
    tracking,
    limiting: limiting.filter((hierarchy) => existsSync(join(hierarchy.root, 'cgroup.procs'))),
    unified,
  };
}

function cfsQuota(cpus: number): number {
  return Math.max(1000, Math.round(cpus * CFS_PERIOD_US));
}

function sessionDir(root: string, sessionId: string): string {
  return join(root, 'mona', sessionId);
}

/** The session's cgroup folders, one per hierarchy it is in (the first tracks its processes). */
function sessionCgroupDirs(sessionId: string): string[] {
  const { tracking, limiting } = hierarchies();
  const roots = [tracking, ...limiting.map((hierarchy) => hierarchy.root)].filter((root) => root !== null);
  return [...new Set(roots)].map((root) => sessionDir(root, sessionId));
}

/**
 * The limits this host cannot set, each with why, for the agent to say so at start: a desktop then runs
 * without that limit rather than not at all.
 */
export function missingLimits(limits: SessionLimits): string[] {
  const { tracking, limiting, unified } = hierarchies();
  const delegated = unified ? readFileSync(join(V1, 'cgroup.controllers'), 'utf8').split(/\s+/) : [];
  const controllers = unified
    ? { cpu: delegated.includes('cpu'), memory: delegated.includes('memory') }
    : {
        cpu: limiting.some((hierarchy) => hierarchy.root.endsWith('/cpu')),
        memory: limiting.some((hierarchy) => hierarchy.root.endsWith('/memory')),
      };
  return [
    tracking === null && 'no cgroups at all: desktops have neither CPU nor memory limits',
    tracking !== null && limits.cpus !== null && !controllers.cpu && 'no cpu cgroup controller: no CPU limit',
    tracking !== null &&
      limits.memoryBytes !== null &&
      !controllers.memory &&
      'no memory cgroup controller: no memory limit',
  ].filter((problem) => typeof problem === 'string');
}

/** Makes the session's cgroups with its limits; their `cgroup.procs`, none on a host without cgroups. */
export async function createSessionCgroup(sessionId: string, limits: SessionLimits): Promise<string[]> {
  const { tracking, limiting, unified } = hierarchies();
  if (tracking === null) return [];
  if (unified) await enableUnifiedControllers(join(V1, 'mona'));
  for (const dir of sessionCgroupDirs(sessionId)) await mkdir(dir, { recursive: true });
  for (const hierarchy of limiting) {
    const dir = sessionDir(hierarchy.root, sessionId);
    for (const [file, value] of hierarchy.limits(limits)) {
      // A controller the unified hierarchy does not delegate has no such file: that limit is left out.
      if (existsSync(join(dir, file))) await writeFile(join(dir, file), value);
    }
  }
  return sessionCgroupProcs(sessionId);
}

/** In a unified hierarchy, the session cgroups get cpu and memory only if their parent hands them down. */
async function enableUnifiedControllers(parent: string): Promise<void> {
  await mkdir(parent, { recursive: true });
  for (const controller of ['cpu', 'memory', 'pids']) {
    await writeFile(join(parent, 'cgroup.subtree_control'), `+${controller}`).catch(() => undefined);
  }
}

/** The `cgroup.procs` of the session's cgroups that exist. */
export function sessionCgroupProcs(sessionId: string): string[] {
  return sessionCgroupDirs(sessionId)
    .filter((dir) => existsSync(dir))
    .map((dir) => join(dir, 'cgroup.procs'));
}

export async function sessionCgroupPids(sessionId: string): Promise<number[]> {
  const { tracking } = hierarchies();
  if (!tracking) return [];
  const text = await readFile(join(sessionDir(tracking, sessionId), 'cgroup.procs'), 'utf8').catch(
    (error: unknown) => {
      if (isErrorCode(error, 'ENOENT')) return '';
      throw error;
    },
  );
  return text.split('\n').filter(Boolean).map(Number);
}

/** Removes the session's cgroups. Killed processes leave them only once reaped, which can take a moment. */
export async function removeSessionCgroup(sessionId: string): Promise<void> {
  for (const dir of sessionCgroupDirs(sessionId)) {
    for (let attempt = 1; ; attempt++) {
      try {
        await rmdir(dir);
        break;
      } catch (error) {
        if (isErrorCode(error, 'ENOENT')) break;
        if (!isErrorCode(error, 'EBUSY') || attempt === 100) throw error;
      }
      await sleep(50);
    }
  }
}
