/**
 * Long-running work started by a request (imports, release creation): the request answers at
 * once with the job id, the work goes on, and GET /api/jobs/:id reports its progress and result.
 * Jobs live in memory only: a restart forgets them (their writes are in the store and audited).
 */
import { randomUUID } from 'node:crypto';
import { VindexError, type ErrorCode } from '../errors.ts';
import type { SessionUser } from './route.ts';

export type JobState = 'running' | 'done' | 'failed';

export interface JobProgress {
  readonly done: number;
  readonly total: number;
  /** A short phase name, e.g. 'reading', 'protecting the counts'. */
  readonly phase: string;
}

export interface JobView {
  readonly id: string;
  readonly kind: string;
  /** The user who started it; only they (and admins) may read it. */
  readonly owner: string;
  readonly state: JobState;
  readonly progress: JobProgress;
  readonly result?: unknown;
  /** `details`: structured data of the failure when the error carries it (an import's row-level issues). */
  readonly error?: { readonly code: ErrorCode; readonly message: string; readonly details?: unknown };
  readonly startedAt: string;
  readonly finishedAt?: string;
}

export interface JobRegistry {
  /** Starts `run` now and returns its id; `progress` may be called any number of times. */
  start<R>(kind: string, user: SessionUser, run: (progress: (p: JobProgress) => void) => Promise<R>): { id: string };
  get(id: string): JobView | undefined;
  /** Resolves with the finished job (tests, bench, and shutdown). */
  wait(id: string): Promise<JobView>;
  /** Resolves when no job is running (clean shutdown). */
  idle(): Promise<void>;
}

/** Finished jobs kept for reading back; the oldest are forgotten first. */
const KEEP_FINISHED = 500;

/** `onSettled` runs when any job ends, done or failed (the server forgets cached reads then: a job writes). */
export function createJobRegistry(onError: (kind: string, error: unknown) => void = () => {}, onSettled: () => void = () => {}): JobRegistry {
  const jobs = new Map<string, JobView>();
  const running = new Map<string, Promise<JobView>>();

  const forgetOld = (): void => {
    const finished = [...jobs.values()].filter((j) => j.state !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(j.id);
  };

  return {
    start(kind, user, run) {
      const id = `job-${randomUUID()}`;
      jobs.set(id, { id, kind, owner: user.name, state: 'running', progress: { done: 0, total: 0, phase: 'starting' }, startedAt: new Date().toISOString() });
      const update = (patch: Partial<JobView>): JobView => {
        const next = { ...jobs.get(id)!, ...patch };
        jobs.set(id, next);
        return next;
      };
      const progress = (p: JobProgress): void => {
        if (jobs.get(id)?.state === 'running') update({ progress: { done: p.done, total: p.total, phase: p.phase } });
      };
      // Deferred a tick so a job that fails synchronously still reports through GET /api/jobs/:id.
      const done = Promise.resolve()
        .then(() => run(progress))
        .then(
          (result) => update({ state: 'done', result, finishedAt: new Date().toISOString() }),
          (e: unknown) => {
            if (!(e instanceof VindexError)) onError(kind, e);
            const error = e instanceof VindexError ? { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) } : { code: 'VDX_INTERNAL' as const, message: 'the job failed with an internal error (logged on the server)' };
            return update({ state: 'failed', error, finishedAt: new Date().toISOString() });
          },
        )
        .finally(() => {
          onSettled();
          running.delete(id);
          forgetOld();
        });
      running.set(id, done);
      return { id };
    },
    get: (id) => jobs.get(id),
    async wait(id) {
      const p = running.get(id);
      if (p) return p;
      const j = jobs.get(id);
      if (!j) throw new VindexError('VDX_NOT_FOUND', `no job ${id}`);
      return j;
    },
    async idle() {
      await Promise.allSettled([...running.values()]);
    },
  };
}
