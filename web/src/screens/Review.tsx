import { useState, type ReactNode } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorNote, Show } from '../components/Status.tsx';
import { formatCount, formatTime } from '../format.ts';
import { useResource } from '../hooks.ts';
import { useUser } from '../session.ts';
import { REJECT_REASONS, type ReleaseDetail, type ReleaseRow } from '../types.ts';
import { ReleaseTable } from './Releases.tsx';

export function ReviewScreen(): ReactNode {
  const [list, reload] = useResource<readonly ReleaseRow[]>('/api/releases');
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="stack">
      <section className="card" aria-labelledby="pending-h">
        <h2 id="pending-h">Pending releases</h2>
        <Show res={list} what="releases" retry={reload}>
          {(rows) => (
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
          {(rows) => <ReleaseTable rows={rows.filter((r) => r.status !== 'pending')} empty="No release has been decided yet." />}
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
        {(r) => {
          const own = r.createdBy === me.name;
          return (
            <>
              <p className="muted">Created by {r.createdBy}, {formatTime(r.createdAt)} · status <span className={`pill pill-${r.status}`}>{r.status}</span></p>
              <DisclosureAudit release={r} />
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
  const m = release.manifest;
  if (!m) return <Empty>This release has no manifest yet.</Empty>;
  const d = m.disclosure;
  const method = d.method;
  const audit = d.audit as { pass?: boolean; suppressedCells?: number; sensitiveCells?: number; minimumMargin?: number | null } | null;
  const byStatus = (d.cells as { byStatus?: Record<string, number>; total?: number } | undefined)?.byStatus ?? {};
  const suppressed = (method.primaryCells as number | undefined) !== undefined ? Number(method.primaryCells) + Number(method.secondaryCells ?? 0) : audit?.suppressedCells;
  return (
    <div className="audit" aria-label="Disclosure audit">
      <dl className="facts">
        <div><dt>Method</dt><dd>{String(method.method ?? '—')}</dd></div>
        <div><dt>Minimal pattern proven</dt><dd>{method.proven === undefined ? 'not applicable' : method.proven ? 'yes' : 'no (heuristic cover)'}</dd></div>
        <div><dt>Suppressed cells</dt><dd>{formatCount(suppressed as number | undefined)}{method.primaryCells !== undefined ? ` (${String(method.primaryCells)} primary, ${String(method.secondaryCells)} secondary)` : ''}</dd></div>
        <div><dt>Sensitive cells</dt><dd>{formatCount(audit?.sensitiveCells)}</dd></div>
        <div>
          <dt>Attacker audit</dt>
          <dd>{audit === null || audit === undefined ? 'not applicable to this method' : audit.pass ? <span className="pill pill-released">passed</span> : <span className="pill pill-rejected">FAILED</span>}</dd>
        </div>
        {Object.keys(byStatus).length > 0 ? <div><dt>Cells by status</dt><dd>{Object.entries(byStatus).map(([k, v]) => `${k} ${v}`).join(' · ')}</dd></div> : null}
        {m.parameters ? <div><dt>Indicators</dt><dd>{m.parameters.indicators?.join(', ') ?? '—'}</dd></div> : null}
      </dl>
      <h3>Withheld</h3>
      {d.withheld.length === 0 ? (
        <p className="muted">Nothing withheld.</p>
      ) : (
        <ul className="withheld">{d.withheld.map((w, i) => <li key={i}><span className="mono">{String(w.indicator ?? w.table ?? '')}</span> — {String(w.reason ?? '')}</li>)}</ul>
      )}
      {m.files?.length ? <p className="muted small">{m.files.length} files in the release.</p> : null}
    </div>
  );
}
