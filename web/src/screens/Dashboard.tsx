import { useMemo, useState, type ReactNode } from 'react';
import { Chart } from '../components/Chart.tsx';
import { estimateChart } from '../components/charts.ts';
import { Empty, Show } from '../components/Status.tsx';
import { formatInterval, formatTime, formatValue } from '../format.ts';
import { useResource } from '../hooks.ts';
import type { Dashboard, DashboardRow } from '../types.ts';

const DIMENSION_LABELS: Readonly<Record<string, string>> = { country: 'Country', region: 'Region', year: 'First-sighting year', ageBand: 'Age band', gender: 'Gender', source: 'Source' };

/** The indicator's title from the release manifest; for an id the manifest lacks, "victims-unidentified" → "Victims unidentified". */
export function indicatorName(id: string, titles: ReadonlyMap<string, string> = new Map()): string {
  const title = titles.get(id);
  if (title !== undefined) return title;
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Rows of one indicator by exactly one dimension, per dimension, each cell once (a margin appears in several tables). */
export function singleDimensionRows(rows: readonly DashboardRow[], indicator: string): Map<string, DashboardRow[]> {
  const out = new Map<string, DashboardRow[]>();
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.indicator !== indicator) continue;
    const dims = Object.keys(r.dims);
    if (dims.length !== 1) continue;
    const d = dims[0]!;
    const key = `${d}=${r.dims[d]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.set(d, [...(out.get(d) ?? []), r]);
  }
  return out;
}

/** Confidentiality flags of the release files, in words. */
const FLAG_LABELS: Readonly<Record<string, string>> = { F: 'published', C: 'suppressed (small count)', D: 'suppressed (protects another cell)' };

export function DashboardScreen(): ReactNode {
  const [dash, reload] = useResource<Dashboard>('/api/dashboard');
  return (
    <Show res={dash} what="the released indicators" retry={reload}>
      {(d) => (d.release === null || d.observations.length === 0 ? <Empty>Nothing has been released yet. Released indicators appear here once an output checker approves a release.</Empty> : <Released d={d} />)}
    </Show>
  );
}

function Released({ d }: { d: Dashboard }): ReactNode {
  const indicators = useMemo(() => [...new Set(d.observations.map((r) => r.indicator))], [d]);
  const titles = useMemo(() => new Map(d.indicators.map((i) => [i.id, i.title])), [d]);
  const definitions = useMemo(() => new Map(d.indicators.map((i) => [i.id, i.definition])), [d]);
  const [chosen, setChosen] = useState<string | null>(null);
  const indicator = chosen !== null && indicators.includes(chosen) ? chosen : indicators[0]!;
  const by = useMemo(() => singleDimensionRows(d.observations, indicator), [d, indicator]);
  const dims = [...by.keys()];
  const [dim, setDim] = useState<string | null>(null);
  const current = dim !== null && by.has(dim) ? dim : (dims.find((x) => x === 'region') ?? dims[0] ?? null);
  const rows = current ? by.get(current)! : [];
  const total = d.observations.find((r) => r.indicator === indicator && Object.keys(r.dims).length === 0);
  const unit = total?.unit ?? rows[0]?.unit ?? '';
  const name = indicatorName(indicator, titles);
  const r = d.release!;
  return (
    <div className="stack">
      <section className="card release-banner" aria-label="Release">
        <p>
          Release <span className="mono">{r.id}</span> · released {formatTime(r.releasedAt)} · data up to {r.dataDate} · disclosure control: {r.method}
          {r.synthetic ? ' · synthetic data' : ''}
        </p>
        <p className="muted small">Suppressed cells show “—”: their counts are too small to publish safely.</p>
      </section>
      <div className="toolbar">
        <div className="field field-inline">
          <label htmlFor="dash-indicator">Indicator</label>
          <select id="dash-indicator" value={indicator} onChange={(e) => setChosen(e.target.value)}>
            {indicators.map((i) => <option key={i} value={i}>{indicatorName(i, titles)}</option>)}
          </select>
        </div>
        {total ? (
          <p className="kpi-inline">
            Overall <strong>{formatValue(unit, total.value)}</strong> <span className="muted">{formatInterval(unit, total.lower, total.upper)}</span>
          </p>
        ) : null}
      </div>
      {definitions.get(indicator) ? <p className="muted">{definitions.get(indicator)}</p> : null}
      {current === null ? (
        <Empty>This indicator has no breakdown in the release.</Empty>
      ) : (
        <>
          {dims.length > 1 ? (
            <div className="segmented" role="group" aria-label="Break down by">
              {dims.map((c) => <button key={c} type="button" aria-pressed={c === current} onClick={() => setDim(c)}>{DIMENSION_LABELS[c] ?? c}</button>)}
            </div>
          ) : null}
          <div className="two-col">
            <section className="card" aria-labelledby="dash-chart-h">
              <h2 id="dash-chart-h">{name}</h2>
              <Chart
                title={`${name} by ${(DIMENSION_LABELS[current] ?? current).toLowerCase()}`}
                spec={estimateChart(
                  rows.filter((x) => x.value !== null).map((x) => ({ category: x.dims[current]!, value: x.value!, lower: x.lower, upper: x.upper })),
                  { title: `By ${(DIMENSION_LABELS[current] ?? current).toLowerCase()}`, dimension: DIMENSION_LABELS[current] ?? current, valueTitle: unit === 'share' ? 'Share' : unit, percent: unit === 'share', line: current === 'year' },
                )}
              />
            </section>
            <section className="card" aria-labelledby="dash-table-h">
              <h2 id="dash-table-h">Table</h2>
              <div className="table-wrap table-scroll">
                <table>
                  <thead><tr><th scope="col">{DIMENSION_LABELS[current] ?? current}</th><th scope="col" className="num">Value</th><th scope="col" className="num">95 % interval</th><th scope="col">Status</th></tr></thead>
                  <tbody>
                    {rows.map((x) => (
                      <tr key={x.dims[current]}>
                        <th scope="row">{x.dims[current]}</th>
                        <td className="num">{formatValue(unit, x.value)}</td>
                        <td className="num">{formatInterval(unit, x.lower, x.upper)}</td>
                        <td>{FLAG_LABELS[x.confStatus] ?? x.confStatus}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </div>
        </>
      )}
    </div>
  );
}
