import { useState, type ReactNode } from 'react';
import { Chart } from '../components/Chart.tsx';
import { shareBars } from '../components/charts.ts';
import { Empty, Show } from '../components/Status.tsx';
import { formatCount, formatInterval, formatValue } from '../format.ts';
import { useResource } from '../hooks.ts';

interface ProfileRow { readonly category: string; readonly label: string; readonly count: number; readonly share: number; readonly lower: number; readonly upper: number }
interface ProfileTable { readonly id: string; readonly title: string; readonly variable: string; readonly population: string; readonly unit: string; readonly total: number; readonly rows: readonly ProfileRow[] }
interface Profile {
  readonly manifest: { readonly counts: { readonly sources: number; readonly series: number; readonly victims: number; readonly offenders: number }; readonly synthetic?: boolean; readonly generatedAt: string };
  readonly tables: readonly ProfileTable[];
}

export function ProfileScreen(): ReactNode {
  const [profile, reload] = useResource<Profile>('/api/profile');
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <Show res={profile} what="the profile" retry={reload}>
      {(p) => {
        const c = p.manifest.counts;
        const table = p.tables.find((t) => t.id === chosen) ?? p.tables[0];
        return (
          <div className="stack">
            <div className="kpis" aria-label="Store totals">
              <Kpi label="Sources" value={c.sources} />
              <Kpi label="Series" value={c.series} />
              <Kpi label="Victims" value={c.victims} />
              <Kpi label="Offenders" value={c.offenders} />
            </div>
            {p.manifest.synthetic ? <p className="note">These are synthetic data from the seeded generator, not case data.</p> : null}
            {!table ? (
              <Empty>No profile table: import data first.</Empty>
            ) : (
              <section className="card" aria-labelledby="profile-h">
                <div className="toolbar">
                  <h2 id="profile-h">Distribution</h2>
                  <div className="field field-inline">
                    <label htmlFor="profile-pick">Table</label>
                    <select id="profile-pick" value={table.id} onChange={(e) => setChosen(e.target.value)}>
                      {p.tables.map((t) => <option key={t.id} value={t.id}>{t.title}</option>)}
                    </select>
                  </div>
                </div>
                <div className="two-col">
                  <Chart title={table.title} spec={shareBars(table.rows.map((r) => ({ category: r.label, value: r.share, lower: r.lower, upper: r.upper })), table.title)} />
                  <div className="table-wrap">
                    <table>
                      <caption>{table.title} — {formatCount(table.total)} {table.unit} ({table.population})</caption>
                      <thead><tr><th scope="col">Category</th><th scope="col" className="num">Count</th><th scope="col" className="num">Share</th><th scope="col" className="num">95 % interval</th></tr></thead>
                      <tbody>
                        {table.rows.map((r) => (
                          <tr key={r.category}>
                            <th scope="row">{r.label} <span className="mono muted small">{r.category}</span></th>
                            <td className="num">{formatCount(r.count)}</td>
                            <td className="num">{formatValue('share', r.share)}</td>
                            <td className="num">{formatInterval('share', r.lower, r.upper)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              </section>
            )}
          </div>
        );
      }}
    </Show>
  );
}

function Kpi({ label, value }: { label: string; value: number }): ReactNode {
  return (
    <div className="card kpi-card">
      <span className="kpi-label">{label}</span>
      <span className="kpi-value">{formatCount(value)}</span>
    </div>
  );
}
