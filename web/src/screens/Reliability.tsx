import { useState, type ReactNode } from 'react';
import { Empty, Show } from '../components/Status.tsx';
import { formatCoefficient } from '../format.ts';
import { useResource } from '../hooks.ts';
import type { Coefficient, RoundReliability } from '../types.ts';
import { RoundPicker } from './RoundPicker.tsx';

export function ReliabilityScreen(): ReactNode {
  const [round, setRound] = useState<string | null>(null);
  return (
    <div className="stack">
      <RoundPicker id="rel-round" value={round} onChange={setRound}>
        {(r) => <ReliabilityTable round={r} />}
      </RoundPicker>
    </div>
  );
}

function coef(c: Coefficient | null): string {
  if (!c) return '—';
  const v = formatCoefficient(c.value);
  return c.lower === null || c.upper === null || Number.isNaN(c.lower) ? v : `${v} (${formatCoefficient(c.lower)}–${formatCoefficient(c.upper)})`;
}

function ReliabilityTable({ round }: { round: string }): ReactNode {
  const [rel, reload] = useResource<RoundReliability>(`/api/rounds/${encodeURIComponent(round)}/reliability`);
  return (
    <section className="card" aria-labelledby="rel-h">
      <h2 id="rel-h">Inter-coder reliability of round {round}</h2>
      <Show res={rel} what="reliability" retry={reload}>
        {(r) =>
          r.variables.length === 0 ? (
            <Empty>No overlap unit has been coded by two coders yet.</Empty>
          ) : (
            <div className="table-wrap">
              <table>
                <caption>Coders: {r.coders.join(', ')}. Intervals are bootstrap 95 % intervals.</caption>
                <thead>
                  <tr><th scope="col">Variable</th><th scope="col">Level</th><th scope="col" className="num">Units</th><th scope="col" className="num">Agreement</th><th scope="col" className="num">κ</th><th scope="col" className="num">Krippendorff α</th><th scope="col">Verdict</th></tr>
                </thead>
                <tbody>
                  {r.variables.map((v) => (
                    <tr key={`${v.record}:${v.variable}`}>
                      <th scope="row" className="mono">{v.variable}</th>
                      <td>{v.level}</td>
                      <td className="num">{v.units}</td>
                      <td className="num">{coef(v.percentAgreement)}</td>
                      <td className="num">{coef(v.cohenKappa ?? v.fleissKappa)}</td>
                      <td className="num">{coef(v.krippendorffAlpha)}</td>
                      <td><span className={`pill pill-${v.verdict}`}>{v.verdict}</span></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
    </section>
  );
}
