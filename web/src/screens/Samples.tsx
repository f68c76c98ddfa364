import { useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../api.ts';
import { Empty, ErrorNote, Show } from '../components/Status.tsx';
import { useResource } from '../hooks.ts';
import type { SampleSummary } from '../types.ts';

const DESIGNS = [
  { value: 'srs', label: 'Simple random sample' },
  { value: 'proportional', label: 'Stratified, proportional allocation' },
  { value: 'equal', label: 'Stratified, equal allocation' },
] as const;

export function designLabel(d: SampleSummary['design']): string {
  return d.kind === 'srs' ? 'Simple random' : `Stratified (${d.allocation ?? 'allocation'})`;
}

/** Whole numbers typed in a form; NaN when it is not one. */
export function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : NaN;
}

export function SamplesScreen(): ReactNode {
  const [samples, reload] = useResource<{ samples: readonly SampleSummary[] }>('/api/samples');
  const [design, setDesign] = useState<string>('srs');
  const [size, setSize] = useState('50');
  const [seed, setSeed] = useState('1');
  const [strata, setStrata] = useState('series.source');
  const [fromYear, setFromYear] = useState('');
  const [toYear, setToYear] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<string | null>(null);
  const sizeN = wholeNumber(size);
  const seedN = wholeNumber(seed);
  const sizeError = Number.isNaN(sizeN) || sizeN < 1 ? 'Enter a whole number of series, at least 1.' : null;
  const seedError = Number.isNaN(seedN) ? 'Enter a whole number (0 or more).' : null;
  const yearsGiven = fromYear !== '' || toYear !== '';
  const yearsError = yearsGiven && (Number.isNaN(wholeNumber(fromYear)) || Number.isNaN(wholeNumber(toYear)) || wholeNumber(fromYear) > wholeNumber(toYear)) ? 'Give both years, the first not after the second.' : null;

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (sizeError || seedError || yearsError) return;
    setBusy(true);
    setError(null);
    setCreated(null);
    try {
      const frame = yearsGiven ? { frame: `years=${wholeNumber(fromYear)}-${wholeNumber(toYear)}` } : {};
      const body = { design, size: sizeN, seed: seedN, ...frame, ...(design !== 'srs' ? { strataBy: strata.split(',').map((s) => s.trim()).filter(Boolean) } : {}) };
      const s = await api.post<{ id: string }>('/api/samples', body);
      setCreated(s.id);
      reload();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="stack">
      <section className="card" aria-labelledby="new-sample-h">
        <h2 id="new-sample-h">Draw a sample</h2>
        <p className="muted">Series are drawn with a seeded generator: the same store, options and seed give the same sample.</p>
        <form className="grid-form" onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor="sample-design">Design</label>
            <select id="sample-design" value={design} onChange={(e) => setDesign(e.target.value)}>
              {DESIGNS.map((d) => <option key={d.value} value={d.value}>{d.label}</option>)}
            </select>
          </div>
          <NumberField id="sample-size" label="Sample size (series)" value={size} onChange={setSize} error={sizeError} />
          <NumberField id="sample-seed" label="Seed" value={seed} onChange={setSeed} error={seedError} />
          {design !== 'srs' ? (
            <div className="field">
              <label htmlFor="sample-strata">Strata (variables, comma-separated)</label>
              <input id="sample-strata" value={strata} onChange={(e) => setStrata(e.target.value)} spellCheck={false} />
            </div>
          ) : null}
          <NumberField id="sample-from" label="First seen from (year)" value={fromYear} onChange={setFromYear} error={null} />
          <NumberField id="sample-to" label="First seen to (year)" value={toYear} onChange={setToYear} error={yearsError} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy || Boolean(sizeError || seedError || yearsError)}>
              {busy ? 'Drawing…' : 'Draw sample'}
            </button>
          </div>
        </form>
        <ErrorNote error={error} />
        {created ? <p className="status status-ok" role="status">Sample {created} drawn.</p> : null}
      </section>
      <section className="card" aria-labelledby="samples-h">
        <h2 id="samples-h">Samples</h2>
        <Show res={samples} what="samples" retry={reload}>
          {({ samples: rows }) =>
            rows.length === 0 ? (
              <Empty>No sample yet. Draw one above.</Empty>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr><th scope="col">Sample</th><th scope="col">Design</th><th scope="col">Frame</th><th scope="col" className="num">Sampled / frame</th><th scope="col" className="num">Seed</th><th scope="col">Created</th><th scope="col">By</th></tr>
                  </thead>
                  <tbody>
                    {rows.map((s) => (
                      <tr key={s.id}>
                        <td><strong>{s.id}</strong></td>
                        <td>{designLabel(s.design)}{s.strataBy?.length ? ` by ${s.strataBy.join(', ')}` : ''}</td>
                        <td>{s.frameText}</td>
                        <td className="num">{s.sampleSize} / {s.frameSize}</td>
                        <td className="num">{s.seed}</td>
                        <td>{s.createdAt.slice(0, 16).replace('T', ' ')}</td>
                        <td>{s.createdBy}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Show>
      </section>
    </div>
  );
}

export function NumberField({ id, label, value, onChange, error }: { id: string; label: string; value: string; onChange: (v: string) => void; error: string | null }): ReactNode {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} inputMode="numeric" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-err` : undefined} />
      {error ? <p id={`${id}-err`} className="field-error">{error}</p> : null}
    </div>
  );
}
