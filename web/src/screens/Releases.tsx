import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorNote, Progress, Show } from '../components/Status.tsx';
import { formatTime } from '../format.ts';
import { useResource } from '../hooks.ts';
import { jobErrorMessage, useJob } from '../jobs.ts';
import type { IndicatorSet, ReleaseRow } from '../types.ts';
import { INDICATORS_URL, uniqueDefinitions } from './Indicators.tsx';
import { NumberField, wholeNumber } from './Samples.tsx';

export function ReleasesScreen(): ReactNode {
  const [list, reload] = useResource<{ releases: readonly ReleaseRow[] }>('/api/releases');
  return (
    <div className="stack">
      <NewRelease onFinished={reload} />
      <section className="card" aria-labelledby="rel-list-h">
        <h2 id="rel-list-h">Releases</h2>
        <Show res={list} what="releases" retry={reload}>
          {({ releases: rows }) => <ReleaseTable rows={rows} empty="No release yet. Create one above; an output checker then reviews it." />}
        </Show>
      </section>
    </div>
  );
}

export function ReleaseTable({ rows, empty, action }: { rows: readonly ReleaseRow[]; empty: string; action?: (r: ReleaseRow) => ReactNode }): ReactNode {
  if (rows.length === 0) return <Empty>{empty}</Empty>;
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr><th scope="col">Release</th><th scope="col">Status</th><th scope="col">Method</th><th scope="col">Audit</th><th scope="col">Created</th><th scope="col">By</th><th scope="col">Decided</th>{action ? <th scope="col"><span className="sr-only">Action</span></th> : null}</tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td className="mono">{r.id}</td>
              <td><span className={`pill pill-${r.status}`}>{r.status}</span>{r.rejectReason ? <span className="muted small"> {r.rejectReason}</span> : null}</td>
              <td>{r.method}</td>
              <td>{r.auditPass === null ? 'n/a' : r.auditPass ? 'passed' : 'FAILED'}</td>
              <td>{formatTime(r.createdAt)}</td>
              <td>{r.createdBy}</td>
              <td>{decision(r)}</td>
              {action ? <td>{action(r)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function decision(r: ReleaseRow): string {
  if (r.releasedBy) return `released by ${r.releasedBy}, ${formatTime(r.releasedAt)}`;
  if (r.rejectedBy) return `rejected by ${r.rejectedBy}, ${formatTime(r.rejectedAt)}`;
  return '—';
}

function NewRelease({ onFinished }: { onFinished: () => void }): ReactNode {
  const [indicators] = useResource<IndicatorSet>(INDICATORS_URL);
  const [picked, setPicked] = useState<ReadonlySet<string> | null>(null);
  const [method, setMethod] = useState('suppression');
  const [threshold, setThreshold] = useState('10');
  const [jobId, setJobId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const { job, pollError } = useJob<{ id?: string; releaseId?: string; release?: { id: string } }>(jobId);
  const finished = job !== null && job.state !== 'running' ? job.id : null;
  useEffect(() => {
    if (finished !== null) onFinished();
  }, [finished, onFinished]);
  const all = indicators.state === 'ready' ? uniqueDefinitions(indicators.data) : [];
  const chosen = picked ?? new Set(all.map((d) => d.id));
  const toggle = (id: string): void => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setPicked(next);
  };
  const noneChosen = indicators.state === 'ready' && chosen.size === 0;
  const thresholdError = method === 'suppression' && (Number.isNaN(wholeNumber(threshold)) || wholeNumber(threshold) < 1) ? 'Enter a whole number, at least 1.' : null;
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (thresholdError || noneChosen) return;
    setBusy(true);
    setError(null);
    setJobId(null);
    try {
      const started = await api.post<{ jobId?: string; id?: string }>('/api/releases', { method, ...(method === 'suppression' ? { threshold: wholeNumber(threshold) } : {}), ...(picked !== null ? { indicators: all.filter((d) => chosen.has(d.id)).map((d) => d.id) } : {}) });
      setJobId(started.jobId ?? started.id ?? null);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const releaseId = job?.result?.releaseId ?? job?.result?.release?.id ?? job?.result?.id;
  return (
    <section className="card" aria-labelledby="new-rel-h">
      <h2 id="new-rel-h">Create a release</h2>
      <p className="muted">Computes the indicators, protects small counts, audits the protection and writes the release files. It stays pending until an output checker approves it.</p>
      <form onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className="checks">
          <legend>Indicators</legend>
          <Show res={indicators} what="the indicator list">
            {() => (
              <>
                <div className="checks-actions">
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => setPicked(new Set(all.map((d) => d.id)))}>All</button>
                  <button type="button" className="btn btn-small btn-ghost" onClick={() => setPicked(new Set())}>None</button>
                </div>
                <ul>
                  {all.map((d) => (
                    <li key={d.id}>
                      <input type="checkbox" id={`rel-ind-${d.id}`} checked={chosen.has(d.id)} onChange={() => toggle(d.id)} />
                      <label htmlFor={`rel-ind-${d.id}`}>{d.title}</label>
                    </li>
                  ))}
                </ul>
                {noneChosen ? <p className="field-error">Choose at least one indicator.</p> : null}
              </>
            )}
          </Show>
        </fieldset>
        <div className="grid-form">
        <div className="field">
          <label htmlFor="rel-method">Disclosure control</label>
          <select id="rel-method" value={method} onChange={(e) => setMethod(e.target.value)}>
            <option value="suppression">Cell suppression (audited)</option>
            <option value="rounding">Controlled rounding</option>
          </select>
        </div>
        {method === 'suppression' ? <NumberField id="rel-threshold" label="Minimum count (threshold)" value={threshold} onChange={setThreshold} error={thresholdError} /> : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy || job?.state === 'running' || Boolean(thresholdError) || noneChosen}>
            {busy ? 'Starting…' : 'Create release'}
          </button>
        </div>
        </div>
      </form>
      <ErrorNote error={error ?? pollError} />
      <div aria-live="polite">
        {job?.state === 'running' ? <Progress done={job.progress.done} total={job.progress.total} label={`Creating the release — ${job.progress.phase}`} /> : null}
        {job?.state === 'done' ? <p className="status status-ok" role="status">Release {releaseId ?? ''} created; it is pending review by an output checker.</p> : null}
        {job?.state === 'failed' ? <p className="status status-error" role="alert"><strong>The release was not created.</strong> {jobErrorMessage(job)}</p> : null}
      </div>
    </section>
  );
}
