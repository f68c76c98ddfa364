import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from './api.ts';

export type Resource<T> =
  | { readonly state: 'loading'; readonly data?: undefined; readonly error?: undefined }
  | { readonly state: 'ready'; readonly data: T; readonly error?: undefined }
  | { readonly state: 'failed'; readonly data?: undefined; readonly error: unknown };

/** GETs `path` (null: nothing yet) as JSON or text and keeps the answer; `reload` fetches again without flashing a loading state. */
export function useResource<T>(path: string | null, as: 'json' | 'text' = 'json'): [Resource<T>, () => void] {
  const [res, setRes] = useState<Resource<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const seen = useRef<string | null>(null);
  useEffect(() => {
    if (path === null) return;
    const ctl = new AbortController();
    if (seen.current !== path) setRes({ state: 'loading' });
    seen.current = path;
    const load = as === 'json' ? api.get<T>(path, ctl.signal) : (api.text(path, ctl.signal) as Promise<T>);
    load.then(
      (data) => setRes({ state: 'ready', data }),
      (error: unknown) => {
        if (!ctl.signal.aborted) setRes({ state: 'failed', error });
      },
    );
    return () => ctl.abort();
  }, [path, as, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [res, reload];
}

/** Calls `fn` every `ms` while `active`; stops on unmount. */
export function useInterval(fn: () => void, ms: number, active: boolean): void {
  const saved = useRef(fn);
  saved.current = fn;
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => saved.current(), ms);
    return () => clearInterval(id);
  }, [ms, active]);
}

/** The part of location.hash after `#`, kept in state (the app's router). */
export function useHashPath(): string {
  const read = (): string => decodeURIComponent(location.hash.replace(/^#/, '')) || '/';
  const [path, setPath] = useState(read);
  useEffect(() => {
    const on = (): void => setPath(read());
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return path;
}

export function navigate(path: string): void {
  location.hash = path;
}
