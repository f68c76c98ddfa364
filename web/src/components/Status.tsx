import type { ReactNode } from 'react';
import { messageOf } from '../api.ts';
import type { Resource } from '../hooks.ts';

/** A polite live region: screen readers announce what is loading or has been saved. */
export function Loading({ what }: { what: string }): ReactNode {
  return (
    <p className="status status-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> Loading {what}…
    </p>
  );
}

export function Failed({ error, what, retry }: { error: unknown; what: string; retry?: () => void }): ReactNode {
  return (
    <div className="status status-error" role="alert">
      <p>
        <strong>Could not load {what}.</strong> {messageOf(error)}
      </p>
      {retry ? (
        <button type="button" className="btn btn-small" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }): ReactNode {
  return <p className="status status-empty">{children}</p>;
}

/** Renders the loading or failed state of a resource, or `children(data)` once it is ready. */
export function Show<T>({ res, what, retry, children }: { res: Resource<T>; what: string; retry?: () => void; children: (data: T) => ReactNode }): ReactNode {
  if (res.state === 'loading') return <Loading what={what} />;
  if (res.state === 'failed') return <Failed error={res.error} what={what} {...(retry ? { retry } : {})} />;
  return children(res.data);
}

/** An error from an action (a form submit), shown until the next try. */
export function ErrorNote({ error }: { error: unknown }): ReactNode {
  if (error === null || error === undefined) return null;
  return (
    <p className="status status-error" role="alert">
      {messageOf(error)}
    </p>
  );
}

export function Progress({ done, total, label }: { done: number; total: number; label: string }): ReactNode {
  const pct = total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  return (
    <div className="progress">
      <div className="progress-label">
        <span>{label}</span>
        <span>{total > 0 ? `${done.toLocaleString('en')} / ${total.toLocaleString('en')} (${pct} %)` : 'starting…'}</span>
      </div>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={total || 100} aria-valuenow={total > 0 ? done : 0}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
