import { useEffect, useState } from 'react';
import { api } from './api.ts';

/** GET /api/jobs/:id — a long task (import, release) the server runs in the background. */
export interface Job<R = unknown> {
  readonly id: string;
  readonly kind: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly progress: { readonly done: number; readonly total: number; readonly phase: string };
  readonly result?: R;
  readonly error?: { readonly code: string; readonly message: string } | string;
}

const POLL_MS = 400;

/** Polls the job until it is done or failed; null id: no job. */
export function useJob<R>(id: string | null): { job: Job<R> | null; pollError: unknown } {
  const [job, setJob] = useState<Job<R> | null>(null);
  const [pollError, setPollError] = useState<unknown>(null);
  useEffect(() => {
    setJob(null);
    setPollError(null);
    if (id === null) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async (): Promise<void> => {
      try {
        const j = await api.get<Job<R>>(`/api/jobs/${encodeURIComponent(id)}`);
        if (stopped) return;
        setJob(j);
        if (j.state === 'running') timer = setTimeout(() => void poll(), POLL_MS);
      } catch (e) {
        if (!stopped) setPollError(e);
      }
    };
    void poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [id]);
  return { job, pollError };
}

export function jobErrorMessage(job: Job): string {
  if (job.error === undefined) return 'The job failed.';
  return typeof job.error === 'string' ? job.error : `${job.error.message} (${job.error.code})`;
}
