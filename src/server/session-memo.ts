/**
 * Sessions this server resolved in the last `recheckMs`, so a burst of requests from one browser
 * reads its session row once instead of once per request. Cleared after every write of this
 * server (sign-out, disabling a user, …); a change by another process shows within recheckMs.
 */
import type { RequestSession } from './guard.ts';

/** Entries kept at once; the memo is emptied when it grows past this. */
const MAX_SESSIONS = 10_000;

export interface SessionMemo {
  get(id: string): RequestSession | undefined;
  set(id: string, session: RequestSession): void;
  clear(): void;
}

export function createSessionMemo(recheckMs: number, now: () => number = () => performance.now()): SessionMemo {
  const entries = new Map<string, { readonly at: number; readonly session: RequestSession }>();
  return {
    get(id) {
      const e = entries.get(id);
      if (!e) return undefined;
      if (now() - e.at >= recheckMs) {
        entries.delete(id);
        return undefined;
      }
      return e.session;
    },
    set(id, session) {
      if (recheckMs <= 0) return;
      if (entries.size >= MAX_SESSIONS) entries.clear();
      entries.set(id, { at: now(), session });
    },
    clear: () => entries.clear(),
  };
}
