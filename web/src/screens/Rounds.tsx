import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorNote, Progress, Show } from '../components/Status.tsx';
import { useInterval, useResource } from '../hooks.ts';
import type { RoundStatus, RoundSummary, SampleSummary } from '../types.ts';
import { NumberField, wholeNumber } from './Samples.tsx';

const NAME = /^[a-z][a-z0-9._-]{0,31}$/;

export function RoundsScreen(): ReactNode {
  const [rounds, reload] = useResource<{ rounds: readonly RoundSummary[] }>('/api/rounds');
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="stack">
      <NewRound onCreated={(id) => { reload(); setSelected(id); }} />
      <section className="card" aria-labelledby="rounds-h">
        <h2 id="rounds-h">Rounds</h2>
        <Show res={rounds} what="coding rounds" retry={reload}>
          {({ rounds: rows }) =>
            rows.length === 0 ? (
              <Empty>No coding round yet. Create one from a sample above.</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr><th scope="col">Round</th><th scope="col">Sample</th><th scope="col">Coders</th><th scope="col" className="num">Variables</th><th scope="col">Status</th><th scope="col"><span className="sr-only">Action</span></th></tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => (
                      <tr key={r.id} className={r.id === selected ? 'selected' : undefined}>
                        <td><strong>{r.id}</strong></td>
                        <td>{r.sampleId}</td>
                        <td>{r.coders.join(', ')}</td>
                        <td className="num">{r.variables.length}</td>
                        <td>{r.closedAt ? <span className="pill pill-closed">closed</span> : <span className="pill pill-open">open</span>}</td>
                        <td>
                          <button type="button" className="btn btn-small" aria-pressed={r.id === selected} onClick={() => setSelected(r.id)}>
                            Progress<span className="sr-only"> of round {r.id}</span>
                          </button>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Show>
      </section>
      {selected ? <RoundProgress id={selected} onClosed={reload} /> : null}
    </div>
  );
}

function NewRound({ onCreated }: { onCreated: (id: string) => void }): ReactNode {
  const [samples] = useResource<{ samples: readonly SampleSummary[] }>('/api/samples');
  const [sample, setSample] = useState('');
  const [coders, setCoders] = useState('coder1, coder2');
  const [overlap, setOverlap] = useState('20');
  const [seed, setSeed] = useState('1');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const coderList = coders.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = coderList.find((c) => !NAME.test(c));
  const codersError = coderList.length === 0 ? 'Name at least one coder.' : bad ? `"${bad}" is not a user name (lower-case letter, then letters, digits, ".", "_", "-").` : null;
  const overlapError = Number.isNaN(wholeNumber(overlap)) || wholeNumber(overlap) > 100 ? 'Enter a whole percentage, 0 to 100.' : null;
  const seedError = Number.isNaN(wholeNumber(seed)) ? 'Enter a whole number (0 or more).' : null;
  const chosen = sample || (samples.state === 'ready' ? samples.data.samples[samples.data.samples.length - 1]?.id ?? '' : '');

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (codersError || overlapError || seedError || !chosen) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ round: { id: string } }>('/api/rounds', { sampleId: chosen, coders: coderList, overlap: wholeNumber(overlap) / 100, seed: wholeNumber(seed) });
      onCreated(r.round.id);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-labelledby="new-round-h">
      <h2 id="new-round-h">Create a coding round</h2>
      <p className="muted">Each coder gets a share of the sample's series; overlap units go to two coders so reliability can be measured.</p>
      <Show res={samples} what="samples">
        {({ samples: rows }) =>
          rows.length === 0 ? (
            <Empty>Draw a sample first (Samples).</Empty>
          ) : (
            <form className="grid-form" onSubmit={(e) => void submit(e)} noValidate>
              <div className="field">
                <label htmlFor="round-sample">Sample</label>
                <select id="round-sample" value={chosen} onChange={(e) => setSample(e.target.value)}>
                  {rows.map((s) => <option key={s.id} value={s.id}>{s.id} ({s.sampleSize} series)</option>)}
                </select>
              </div>
              <div className="field field-wide">
                <label htmlFor="round-coders">Coders (user names, comma-separated)</label>
                <input id="round-coders" value={coders} onChange={(e) => setCoders(e.target.value)} spellCheck={false} aria-invalid={codersError ? true : undefined} aria-describedby={codersError ? 'round-coders-err' : undefined} />
                {codersError ? <p id="round-coders-err" className="field-error">{codersError}</p> : null}
              </div>
              <NumberField id="round-overlap" label="Overlap, % coded twice" value={overlap} onChange={setOverlap} error={overlapError} />
              <NumberField id="round-seed" label="Seed" value={seed} onChange={setSeed} error={seedError} />
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={busy || Boolean(codersError || overlapError || seedError)}>
                  {busy ? 'Creating…' : 'Create round'}
                </button>
              </div>
            </form>
          )
        }
      </Show>
      <ErrorNote error={error} />
    </section>
  );
}

const REFRESH_MS = 3000;

function RoundProgress({ id, onClosed }: { id: string; onClosed: () => void }): ReactNode {
  const [status, reload] = useResource<RoundStatus>(`/api/rounds/${encodeURIComponent(id)}`);
  const [error, setError] = useState<unknown>(null);
  const open = status.state !== 'ready' || status.data.round.closedAt === null;
  useInterval(reload, REFRESH_MS, open);
  const close = async (): Promise<void> => {
    setError(null);
    try {
      await api.post(`/api/rounds/${encodeURIComponent(id)}/close`);
      reload();
      onClosed();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" aria-labelledby="progress-h">
      <h2 id="progress-h">Progress of round {id}</h2>
      <Show res={status} what={`the progress of round ${id}`} retry={reload}>
        {(s) => (
          <>
            <p className="muted">
              {s.overall.unitsComplete} of {s.overall.unitsAssigned} series complete · {s.overall.overlapUnits} overlap units · {s.unresolvedDisagreements} unresolved disagreements
              {open ? ' · refreshes every 3 s' : ''}
            </p>
            <ul className="progress-list" aria-label="Progress per coder">
              {s.coders.map((c) => (
                <li key={c.coder}>
                  <Progress done={c.valuesCoded} total={c.valuesExpected} label={`${c.coder} — ${c.unitsComplete}/${c.unitsAssigned} series`} />
                </li>
              ))}
            </ul>
            {s.blockers.length > 0 ? (
              <div className="note">
                <strong>Before this round can be closed:</strong>
                <ul>{s.blockers.map((b) => <li key={b}>{b}</li>)}</ul>
              </div>
            ) : open ? (
              <button type="button" className="btn" onClick={() => void close()}>Close round</button>
            ) : null}
            <ErrorNote error={error} />
          </>
        )}
      </Show>
    </section>
  );
}
