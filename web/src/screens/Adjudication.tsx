import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorNote, Show } from '../components/Status.tsx';
import { useResource } from '../hooks.ts';
import { ADJUDICATION_REASONS, type Disagreement } from '../types.ts';
import { RoundPicker } from './RoundPicker.tsx';

export function AdjudicationScreen(): ReactNode {
  const [round, setRound] = useState<string | null>(null);
  return (
    <div className="stack">
      <RoundPicker id="adj-round" value={round} onChange={setRound}>
        {(r) => <Disagreements round={r} />}
      </RoundPicker>
    </div>
  );
}

function Disagreements({ round }: { round: string }): ReactNode {
  const [list, reload] = useResource<{ disagreements: readonly Disagreement[] }>(`/api/rounds/${encodeURIComponent(round)}/disagreements?all=true`);
  return (
    <section className="card" aria-labelledby="adj-h">
      <h2 id="adj-h">Disagreements in round {round}</h2>
      <p className="muted">For each unit and variable where coders differ, choose the final code and why.</p>
      <Show res={list} what="disagreements" retry={reload}>
        {({ disagreements: rows }) =>
          rows.length === 0 ? (
            <Empty>No disagreements: the coders agree on every overlap unit coded so far.</Empty>
          ) : (
            <ul className="adj-list">
              {rows.map((d) => (
                <li key={`${d.record}:${d.unitKey}:${d.variable}`}>
                  <Decision round={round} d={d} onSaved={reload} />
                </li>
              ))}
            </ul>
          )
        }
      </Show>
    </section>
  );
}

function Decision({ round, d, onSaved }: { round: string; d: Disagreement; onSaved: () => void }): ReactNode {
  const options = [...new Set(d.values.map((v) => v.value))];
  const [value, setValue] = useState(d.adjudication?.value ?? options[0] ?? '');
  const [reason, setReason] = useState<string>(d.adjudication?.reason ?? 'codebook-rule');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = `adj-${d.record}-${d.unitKey}-${d.variable}`.replace(/[^a-zA-Z0-9_-]/g, '_');
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/rounds/${encodeURIComponent(round)}/adjudications`, { decisions: [{ unitKey: d.unitKey, variable: d.variable, value, reason }] });
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="adj-item" onSubmit={(e) => void submit(e)} aria-label={`${d.variable} of ${d.record} ${d.unitKey}`}>
      <div className="adj-what">
        <span className="mono">{d.variable}</span>
        <span className="muted small">{d.record} <span className="mono">{d.unitKey}</span></span>
        <span className="small">{d.values.map((v) => `${v.coder}: ${v.value}`).join(' · ')}</span>
        {d.adjudication ? <span className="pill pill-done">decided: {d.adjudication.value} ({d.adjudication.reason})</span> : <span className="pill pill-pending">open</span>}
      </div>
      <div className="field field-inline">
        <label htmlFor={`${id}-v`}>Final code</label>
        <select id={`${id}-v`} value={value} onChange={(e) => setValue(e.target.value)}>
          {options.map((o) => <option key={o} value={o}>{o}</option>)}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor={`${id}-r`}>Reason</label>
        <select id={`${id}-r`} value={reason} onChange={(e) => setReason(e.target.value)}>
          {ADJUDICATION_REASONS.map((r) => <option key={r} value={r}>{r}</option>)}
        </select>
      </div>
      <button type="submit" className="btn btn-small btn-primary" disabled={busy}>{busy ? 'Saving…' : d.adjudication ? 'Change' : 'Decide'}</button>
      <ErrorNote error={error} />
    </form>
  );
}
