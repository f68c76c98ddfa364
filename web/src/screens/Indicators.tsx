import { useMemo, useState, type ReactNode } from 'react';
import { Chart } from '../components/Chart.tsx';
import { estimateChart, type ChartRow } from '../components/charts.ts';
import { MapSvg } from '../components/MapSvg.tsx';
import { Empty, Show } from '../components/Status.tsx';
import { formatCount, formatInterval, formatValue } from '../format.ts';
import { useResource } from '../hooks.ts';
import type { Dimension, IndicatorDefinition, IndicatorSet, Observation } from '../types.ts';

const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = { country: 'Country', region: 'Region', year: 'First-sighting year', ageBand: 'Age band', gender: 'Gender', source: 'Source' };

/** Observations of one indicator broken down by exactly one dimension, per dimension (margins of other tables are ignored). */
export function breakdowns(observations: readonly Observation[]): Map<Dimension, Observation[]> {
  const out = new Map<Dimension, Observation[]>();
  const seen = new Set<string>();
  for (const o of observations) {
    const dims = Object.keys(o.dims) as Dimension[];
    if (dims.length !== 1) continue;
    const d = dims[0]!;
    const k = `${d}=${o.dims[d]}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.set(d, [...(out.get(d) ?? []), o]);
  }
  return out;
}

export function totalOf(observations: readonly Observation[]): Observation | undefined {
  return observations.find((o) => Object.keys(o.dims).length === 0);
}

/** Region and first-sighting year breakdowns, with their margins; the map asks for countries itself. */
export const INDICATORS_URL = '/api/indicators?by=region,year';

export function IndicatorsScreen(): ReactNode {
  const [set, reload] = useResource<IndicatorSet>(INDICATORS_URL);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <Show res={set} what="indicators (computed from the store; this can take a few seconds)" retry={reload}>
      {(s) => {
        const defs = uniqueDefinitions(s);
        if (defs.length === 0) return <Empty>No indicator could be computed: import data first.</Empty>;
        const current = defs.find((d) => d.id === chosen) ?? defs[0]!;
        const observations = s.results.filter((r) => r.definition.id === current.id).flatMap((r) => r.observations);
        return (
          <div className="stack">
            <div className="toolbar">
              <div className="field field-inline">
                <label htmlFor="indicator-pick">Indicator</label>
                <select id="indicator-pick" value={current.id} onChange={(e) => setChosen(e.target.value)}>
                  {defs.map((d) => <option key={d.id} value={d.id}>{d.title}</option>)}
                </select>
              </div>
              <p className="muted small">
                Data up to {s.manifest.dataDate} · basis {s.manifest.basis} · {Math.round(s.manifest.level * 100)} % intervals{s.manifest.synthetic ? ' · synthetic data' : ''}
              </p>
            </div>
            <IndicatorView definition={current} observations={observations} />
          </div>
        );
      }}
    </Show>
  );
}

export function uniqueDefinitions(s: IndicatorSet): IndicatorDefinition[] {
  const out = new Map<string, IndicatorDefinition>();
  for (const r of s.results) if (!out.has(r.definition.id)) out.set(r.definition.id, r.definition);
  return [...out.values()];
}

function IndicatorView({ definition, observations }: { definition: IndicatorDefinition; observations: readonly Observation[] }): ReactNode {
  const by = useMemo(() => breakdowns(observations), [observations]);
  const dims = [...by.keys()];
  const [dim, setDim] = useState<Dimension | null>(null);
  const current = dim !== null && by.has(dim) ? dim : (dims.find((d) => d === 'region') ?? dims[0] ?? null);
  const total = totalOf(observations);
  return (
    <>
      <section className="card" aria-labelledby="ind-h">
        <div className="kpi-row">
          <div>
            <h2 id="ind-h">{definition.title}</h2>
            <p className="muted">{definition.definition}</p>
          </div>
          {total ? (
            <div className="kpi" aria-label="Overall value">
              <span className="kpi-value">{formatValue(definition.unit, total.value)}</span>
              <span className="kpi-sub">{formatInterval(definition.unit, total.lower, total.upper)}</span>
              <span className="kpi-sub">{total.denominator !== null ? `${formatCount(total.numerator)} of ${formatCount(total.denominator)}` : ''}</span>
            </div>
          ) : null}
        </div>
      </section>
      <div className="two-col">
        <section className="card" aria-labelledby="map-h">
          <h2 id="map-h">World map</h2>
          <MapSvg indicator={definition.id} title={`Map of ${definition.title} by country`} />
        </section>
        <section className="card" aria-labelledby="breakdown-h">
          <h2 id="breakdown-h">Breakdown</h2>
          {current === null ? (
            <Empty>This indicator has no breakdown.</Empty>
          ) : (
            <>
              <div className="segmented" role="group" aria-label="Break down by">
                {dims.map((d) => (
                  <button key={d} type="button" aria-pressed={d === current} onClick={() => setDim(d)}>
                    {DIMENSION_LABELS[d]}
                  </button>
                ))}
              </div>
              <Chart
                title={`${definition.title} by ${DIMENSION_LABELS[current].toLowerCase()}`}
                spec={estimateChart(chartRows(by.get(current)!, current), { title: `${definition.title} by ${DIMENSION_LABELS[current].toLowerCase()}`, dimension: DIMENSION_LABELS[current], valueTitle: definition.unit === 'share' ? 'Share' : definition.unit, percent: definition.unit === 'share', line: current === 'year' })}
              />
            </>
          )}
        </section>
      </div>
      {current !== null ? <ObservationTable definition={definition} dim={current} rows={by.get(current)!} /> : null}
    </>
  );
}

function chartRows(obs: readonly Observation[], dim: Dimension): ChartRow[] {
  const rows = obs.filter((o) => o.status === 'estimated' && o.value !== null).map((o) => ({ category: String(o.dims[dim]), value: o.value!, lower: o.lower, upper: o.upper }));
  // Many countries: chart the 20 largest, the table has them all.
  return dim === 'country' ? [...rows].sort((a, b) => b.value - a.value).slice(0, 20) : rows;
}

function ObservationTable({ definition, dim, rows }: { definition: IndicatorDefinition; dim: Dimension; rows: readonly Observation[] }): ReactNode {
  return (
    <section className="card" aria-labelledby="obs-h">
      <h2 id="obs-h">Table: by {DIMENSION_LABELS[dim].toLowerCase()}</h2>
      <div className="table-wrap">
        <table>
          <thead>
            <tr><th scope="col">{DIMENSION_LABELS[dim]}</th><th scope="col" className="num">Value</th><th scope="col" className="num">95 % interval</th><th scope="col" className="num">Numerator</th><th scope="col" className="num">Denominator</th><th scope="col">Status</th></tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <tr key={String(o.dims[dim])}>
                <th scope="row">{o.dims[dim]}</th>
                <td className="num">{formatValue(definition.unit, o.value)}</td>
                <td className="num">{formatInterval(definition.unit, o.lower, o.upper)}</td>
                <td className="num">{formatCount(o.numerator)}</td>
                <td className="num">{formatCount(o.denominator)}</td>
                <td>{o.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
