import { useMemo, useState, type ReactNode } from 'react';
import { Chart } from '../components/Chart.tsx';
import { estimateChart } from '../components/charts.ts';
import { Empty, Show } from '../components/Status.tsx';
import { formatTime } from '../format.ts';
import { useResource } from '../hooks.ts';
import type { Dashboard, DashboardRow } from '../types.ts';

const num = (x: string | number | null | undefined): number | null => (x === null || x === undefined || x === '' ? null : Number(x));

/** Rows of one indicator broken down by one column (`country`, `year`, …), the others being totals. */
function rowsBy(rows: readonly DashboardRow[], indicator: string, dim: string, dims: readonly string[]): DashboardRow[] {
  return rows.filter((r) => r.indicator === indicator && r[dim] !== null && r[dim] !== '' && dims.every((d) => d === dim || r[d] === null || r[d] === '' || r[d] === undefined));
}

const DIM_COLUMNS = ['country', 'region', 'year', 'ageBand', 'gender', 'source'];

export function DashboardScreen(): ReactNode {
  const [dash, reload] = useResource<Dashboard>('/api/dashboard');
  return (
    <Show res={dash} what="the released indicators" retry={reload}>
      {(d) => (d.release === null || d.observations.length === 0 ? <Empty>Nothing has been released yet. Released indicators appear here once an output checker approves a release.</Empty> : <Released d={d} />)}
    </Show>
  );
}

function Released({ d }: { d: Dashboard }): ReactNode {
  const indicators = useMemo(() => [...new Set(d.observations.map((r) => String(r.indicator)))], [d]);
  const [chosen, setChosen] = useState<string | null>(null);
  const indicator = indicators.includes(chosen ?? '') ? chosen! : indicators[0]!;
  const dims = DIM_COLUMNS.filter((c) => d.observations.some((r) => c in r));
  const available = dims.filter((c) => rowsBy(d.observations, indicator, c, dims).length > 0);
  const [dim, setDim] = useState<string | null>(null);
  const current = available.includes(dim ?? '') ? dim! : (available.find((x) => x === 'region') ?? available[0] ?? null);
  const rows = current ? rowsBy(d.observations, indicator, current, dims) : [];
  const title = String(rows[0]?.title ?? d.observations.find((r) => r.indicator === indicator)?.title ?? indicator);
  const unit = String(rows[0]?.unit ?? '');
  const r = d.release!;
  return (
    <div className="stack">
      <section className="card release-banner" aria-label="Release">
        <p>
          Release <span className="mono">{r.id}</span> · released {formatTime(r.releasedAt ?? r.date ?? null)}
          {r.method ? ` · disclosure control: ${r.method}` : ''}
        </p>
        <p className="muted small">Suppressed cells are shown as “—”: the counts are too small to publish safely.</p>
      </section>
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor="dash-indicator">Indicator</label>
          <select id="dash-indicator" value={indicator} onChange={(e) => setChosen(e.target.value)}>
            {indicators.map((i) => <option key={i} value={i}>{String(d.observations.find((x) => x.indicator === i)?.title ?? i)}</option>)}
          </select>
        </div>
        {available.length > 1 ? (
          <div className="segmented" role="group" aria-label="Break down by">
            {available.map((c) => <button key={c} type="button" aria-pressed={c === current} onClick={() => setDim(c)}>{c}</button>)}
          </div>
        ) : null}
      </div>
      {current === null ? (
        <Empty>This indicator has no breakdown in the release.</Empty>
      ) : (
        <div className="two-col">
          <section className="card" aria-labelledby="dash-chart-h">
            <h2 id="dash-chart-h">{title}</h2>
            <Chart
              title={`${title} by ${current}`}
              spec={estimateChart(
                rows.filter((x) => num(x.value) !== null).map((x) => ({ category: String(x[current]), value: num(x.value)!, lower: num(x.lower), upper: num(x.upper) })),
                { title: `By ${current}`, dimension: current, valueTitle: unit === 'share' ? 'Share' : unit || 'Value', percent: unit === 'share', line: current === 'year' },
              )}
            />
          </section>
          <section className="card" aria-labelledby="dash-table-h">
            <h2 id="dash-table-h">Table</h2>
            <div className="table-wrap table-scroll">
              <table>
                <thead><tr><th scope="col">{current}</th><th scope="col" className="num">Value</th><th scope="col" className="num">Lower</th><th scope="col" className="num">Upper</th><th scope="col">Flag</th></tr></thead>
                <tbody>
                  {rows.map((x, i) => (
                    <tr key={i}>
                      <th scope="row">{String(x[current])}</th>
                      <td className="num">{show(x.value, unit)}</td>
                      <td className="num">{show(x.lower, unit)}</td>
                      <td className="num">{show(x.upper, unit)}</td>
                      <td>{String(x.confStatus ?? x.flag ?? x.obsStatus ?? '')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
    </div>
  );
}

function show(v: string | number | null | undefined, unit: string): string {
  const n = num(v);
  if (n === null) return '—';
  return unit === 'share' ? `${(n * 100).toFixed(1)} %` : n.toLocaleString('en', { maximumFractionDigits: 2 });
}
