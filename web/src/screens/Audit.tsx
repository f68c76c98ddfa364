import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorNote, Failed, Loading } from '../components/Status.tsx';
import { formatCount } from '../format.ts';
import { useUser } from '../session.ts';
import type { AuditEntry, AuditPage, AuditVerification } from '../types.ts';

const PAGE_SIZE = 50;
// The server's rule for `action` (src/server/routes/audit.ts): an action or a prefix of one.
const ACTION_PATTERN = /^[a-z][a-z0-9.-]{0,63}$/;
/** Actions and prefixes the app writes, offered as suggestions (any other prefix works too). */
const SUGGESTED = ['user.', 'user.add', 'user.disable', 'user.reset', 'user.lock', 'session.', 'session.login.failure', 'import', 'sample.', 'coding.', 'coding.round.', 'coding.adjudicate', 'release.', 'release.approve', 'release.reject'];

/** An entry's detail as `key=value` codes, one pair per key; nested values stay JSON. */
export function detailCodes(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return JSON.stringify(detail);
  return Object.entries(detail as Record<string, unknown>)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x !== 'object') ? v.join(',') : JSON.stringify(v)}`)
    .join(' ');
}

type Listing =
  | { readonly state: 'loading' }
  | { readonly state: 'failed'; readonly error: unknown }
  | { readonly state: 'ready'; readonly entries: readonly AuditEntry[]; readonly next: number | null };

function pagePath(action: string, after: number | null): string {
  const q = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (action !== '') q.set('action', action);
  if (after !== null) q.set('after', String(after));
  return `/api/audit?${q.toString()}`;
}

export function AuditScreen(): ReactNode {
  const me = useUser();
  const [draft, setDraft] = useState('');
  const [action, setAction] = useState('');
  const [tried, setTried] = useState(false);
  const [listing, setListing] = useState<Listing>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const [more, setMore] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const [verified, setVerified] = useState<AuditVerification | null>(null);

  useEffect(() => {
    const ctl = new AbortController();
    setListing({ state: 'loading' });
    setMore({ busy: false, error: null });
    api.get<AuditPage>(pagePath(action, null), ctl.signal).then(
      (p) => setListing({ state: 'ready', entries: p.entries, next: p.next }),
      (error: unknown) => {
        if (!ctl.signal.aborted) setListing({ state: 'failed', error });
      },
    );
    return () => ctl.abort();
  }, [action, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);

  const loadMore = async (): Promise<void> => {
    if (listing.state !== 'ready' || listing.next === null) return;
    setMore({ busy: true, error: null });
    try {
      const p = await api.get<AuditPage>(pagePath(action, listing.next));
      setListing({ state: 'ready', entries: [...listing.entries, ...p.entries], next: p.next });
      setMore({ busy: false, error: null });
    } catch (error) {
      setMore({ busy: false, error });
    }
  };

  const draftError = tried && draft !== '' && !ACTION_PATTERN.test(draft) ? 'An action or its start, in lower case: e.g. user.add, or release. for every release action.' : null;
  const apply = (e: FormEvent): void => {
    e.preventDefault();
    setTried(true);
    const a = draft.trim();
    if (a !== '' && !ACTION_PATTERN.test(a)) return;
    setAction(a);
    if (a === action) reload();
  };

  return (
    <div className="stack">
      {me.role === 'admin' ? <VerifyChain result={verified} onResult={setVerified} /> : null}
      <section className="card" aria-labelledby="audit-h">
        <h2 id="audit-h">Audit log</h2>
        <p className="muted">Every write, sign-in and refusal, in order. Entries are chained by hash: none can be edited, deleted or reordered without the chain check finding it.</p>
        <form className="row-form" onSubmit={apply} noValidate>
          <div className="field">
            <label htmlFor="audit-action">Action (or its start)</label>
            <input
              id="audit-action" list="audit-actions" value={draft} onChange={(e) => setDraft(e.target.value)} spellCheck={false} autoComplete="off" placeholder="e.g. user."
              aria-invalid={draftError ? true : undefined} aria-describedby={draftError ? 'audit-action-err' : undefined}
            />
            <datalist id="audit-actions">{SUGGESTED.map((a) => <option key={a} value={a} />)}</datalist>
            {draftError ? <p id="audit-action-err" className="field-error">{draftError}</p> : null}
          </div>
          <div className="row-actions">
            <button type="submit" className="btn btn-primary">Filter</button>
            {action !== '' ? <button type="button" className="btn btn-ghost" onClick={() => { setDraft(''); setTried(false); setAction(''); }}>Show all</button> : null}
          </div>
        </form>
        {listing.state === 'loading' ? <Loading what="the audit log" /> : null}
        {listing.state === 'failed' ? <Failed error={listing.error} what="the audit log" retry={reload} /> : null}
        {listing.state === 'ready' ? (
          <>
            <p className="muted small" role="status" aria-live="polite">
              {formatCount(listing.entries.length)} entries shown{action !== '' ? `, action starting “${action}”` : ''}{listing.next !== null ? '; more below' : ''}.
            </p>
            {listing.entries.length === 0 ? (
              <Empty>{action !== '' ? `No entry has an action starting with "${action}".` : 'The audit log is empty.'}</Empty>
            ) : (
              <AuditTable entries={listing.entries} broken={verified?.failure?.seq ?? null} />
            )}
            {listing.next !== null ? (
              <div className="toolbar">
                <button type="button" className="btn" disabled={more.busy} onClick={() => void loadMore()}>{more.busy ? 'Loading…' : `Load ${PAGE_SIZE} more`}</button>
              </div>
            ) : null}
            <ErrorNote error={more.error} />
          </>
        ) : null}
      </section>
    </div>
  );
}

function AuditTable({ entries, broken }: { entries: readonly AuditEntry[]; broken: number | null }): ReactNode {
  return (
    <div className="table-wrap">
      <table aria-label="Audit entries">
        <thead>
          <tr><th scope="col" className="num">Seq</th><th scope="col">Time (UTC)</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Object</th><th scope="col">Detail</th></tr>
        </thead>
        <tbody>
          {entries.map((a) => (
            <tr key={a.seq} className={a.seq === broken ? 'audit-broken' : undefined}>
              <td className="num">{a.seq}{a.seq === broken ? <> <span className="pill pill-rejected">broken</span></> : null}</td>
              <td className="mono">{a.at.slice(0, 19).replace('T', ' ')}</td>
              <td>{a.actor}</td>
              <td className="mono">{a.action}</td>
              <td className="mono">{a.object}</td>
              <td className="audit-detail">{detailCodes(a.detail)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function VerifyChain({ result, onResult }: { result: AuditVerification | null; onResult: (r: AuditVerification | null) => void }): ReactNode {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const verify = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    onResult(null);
    try {
      onResult(await api.get<AuditVerification>('/api/audit/verify'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="verify-h">
      <div className="toolbar">
        <div>
          <h2 id="verify-h">Chain check</h2>
          <p className="muted">Recomputes every entry&apos;s hash from the first: names the first entry that was edited, deleted or reordered.</p>
        </div>
        <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void verify()}>{busy ? 'Verifying…' : 'Verify chain'}</button>
      </div>
      <div role="status" aria-live="polite" aria-label="Chain check result">
        {result?.ok ? <p className="status status-ok"><strong>Chain intact.</strong> All {formatCount(result.entries)} entries verified.</p> : null}
      </div>
      {result !== null && !result.ok ? (
        <div className="status status-error" role="alert">
          <p>
            <strong>Chain broken at entry {result.failure?.seq ?? '?'}</strong>: {result.failure?.reason ?? 'no reason given'}. {formatCount(result.entries)} entries
            checked; from entry {result.failure?.seq ?? '?'} on the log cannot be trusted (the row is marked in the table below once loaded).
          </p>
        </div>
      ) : null}
      <ErrorNote error={error} />
    </section>
  );
}
