import { useState, type ReactNode } from 'react';
import { api } from '../api.ts';
import { ErrorNote, Show } from '../components/Status.tsx';
import { formatCount, formatTime } from '../format.ts';
import { useResource } from '../hooks.ts';
import { useUser } from '../session.ts';
import { REJECT_REASONS, type ReleaseDetail, type ReleaseRow } from '../types.ts';
import { ReleaseTable } from './Releases.tsx';

export function ReviewScreen(): ReactNode {
  const [list, reload] = useResource<{ releases: readonly ReleaseRow[] }>('/api/releases');
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="stack">
      <section className="card" aria-labelledby="pending-h">
        <h2 id="pending-h">Pending releases</h2>
        <Show res={list} what="releases" retry={reload}>
          {({ releases: rows }) => (
            <ReleaseTable
              rows={rows.filter((r) => r.status === 'pending')}
              empty="Nothing to review: no release is pending."
              action={(r) => (
                <button type="button" className="btn btn-small" aria-pressed={r.id === selected} onClick={() => setSelected(r.id)}>
                  Review<span className="sr-only"> release {r.id}</span>
                </button>
              )}
            />
          )}
        </Show>
      </section>
      {selected ? <ReleaseReview key={selected} id={selected} onDecided={reload} /> : null}
      <section className="card" aria-labelledby="decided-h">
        <h2 id="decided-h">Decided releases</h2>
        <Show res={list} what="releases">
          {({ releases: rows }) => <ReleaseTable rows={rows.filter((r) => r.status !== 'pending')} empty="No release has been decided yet." />}
        </Show>
      </section>
    </div>
  );
}

function ReleaseReview({ id, onDecided }: { id: string; onDecided: () => void }): ReactNode {
  const me = useUser();
  const [detail, reload] = useResource<ReleaseDetail>(`/api/releases/${encodeURIComponent(id)}`);
  const [reason, setReason] = useState<string>(REJECT_REASONS[0]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const decide = async (action: 'approve' | 'reject'): Promise<void> => {
    setError(null);
    try {
      await api.post(`/api/releases/${encodeURIComponent(id)}/${action}`, action === 'reject' ? { reason } : {});
      setDone(action === 'approve' ? `Release ${id} approved and released.` : `Release ${id} rejected (${reason}).`);
      reload();
      onDecided();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" aria-labelledby="review-h">
      <h2 id="review-h">Review of release <span className="mono">{id}</span></h2>
      <Show res={detail} what={`release ${id}`} retry={reload}>
        {(detail) => {
          const r = detail.release;
          const own = r.createdBy === me.name;
          return (
            <>
              <p className="muted">Created by {r.createdBy}, {formatTime(r.createdAt)} · status <span className={`pill pill-${r.status}`}>{r.status}</span></p>
              <DisclosureAudit release={detail} />
              {r.status === 'pending' ? (
                <div className="decision">
                  <div className="decision-approve">
                    <button type="button" className="btn btn-primary" disabled={own} aria-describedby={own ? 'own-note' : undefined} onClick={() => void decide('approve')}>
                      Approve and release
                    </button>
                    {own ? <p id="own-note" className="note">You created this release, so you cannot approve it: a second output checker must (four-eyes rule).</p> : null}
                  </div>
                  <div className="decision-reject">
                    <div className="field field-inline">
                      <label htmlFor="reject-reason">Reason</label>
                      <select id="reject-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
                        {REJECT_REASONS.map((x) => <option key={x} value={x}>{x}</option>)}
                      </select>
                    </div>
                    <button type="button" className="btn btn-danger" onClick={() => void decide('reject')}>Reject</button>
                  </div>
                </div>
              ) : null}
              <ErrorNote error={error} />
              {done ? <p className="status status-ok" role="status">{done}</p> : null}
            </>
          );
        }}
      </Show>
    </section>
  );
}

export function DisclosureAudit({ release }: { release: ReleaseDetail }): ReactNode {
  const { method, audit, withheld, files } = release.manifest;
  const suppressed = method.primaryCells !== undefined ? method.primaryCells + (method.secondaryCells ?? 0) : audit?.suppressedCells;
  const indicators = release.release.parameters.indicators;
  return (
    <div className="audit" aria-label="Disclosure audit">
      <dl className="facts">
        <div><dt>Method</dt><dd>{method.method}</dd></div>
        <div><dt>Minimal pattern proven</dt><dd>{method.proven === undefined ? 'not applicable' : method.proven ? 'yes' : 'no (heuristic cover)'}</dd></div>
        <div><dt>Suppressed cells</dt><dd>{formatCount(suppressed)}{method.primaryCells !== undefined ? ` (${method.primaryCells} primary, ${method.secondaryCells ?? 0} secondary)` : ''}</dd></div>
        <div><dt>Sensitive cells</dt><dd>{formatCount(audit?.sensitiveCells)}</dd></div>
        <div>
          <dt>Attacker audit</dt>
          <dd>{audit === null ? 'not applicable to this method' : audit.pass ? <span className="pill pill-released">passed</span> : <span className="pill pill-rejected">FAILED</span>}</dd>
        </div>
        {audit?.minimumMargin !== undefined && audit?.minimumMargin !== null ? <div><dt>Smallest protection margin</dt><dd>{audit.minimumMargin}</dd></div> : null}
        {Array.isArray(indicators) ? <div className="facts-wide"><dt>Indicators</dt><dd>{indicators.join(', ')}</dd></div> : null}
      </dl>
      <h3>Withheld</h3>
      {withheld.length === 0 ? (
        <p className="muted">Nothing withheld.</p>
      ) : (
        <ul className="withheld">{withheld.map((w, i) => <li key={i}><span className="mono">{w.indicator}</span> — {w.reason}</li>)}</ul>
      )}
      <p className="muted small">{files.length} files in the release{release.manifest.synthetic ? ' · synthetic data' : ''}.</p>
    </div>
  );
}
