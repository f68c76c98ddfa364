import type { ReactNode } from 'react';
import { Empty, Show } from '../components/Status.tsx';
import { useResource } from '../hooks.ts';
import type { RoundSummary } from '../types.ts';

/** A labelled select of the coding rounds; renders `children(roundId)` once one exists. */
export function RoundPicker({ id, value, onChange, children }: { id: string; value: string | null; onChange: (v: string) => void; children: (round: string) => ReactNode }): ReactNode {
  const [rounds, reload] = useResource<{ rounds: readonly RoundSummary[] }>('/api/rounds');
  return (
    <Show res={rounds} what="coding rounds" retry={reload}>
      {({ rounds: rows }) => {
        if (rows.length === 0) return <Empty>No coding round yet.</Empty>;
        const current = rows.find((r) => r.id === value)?.id ?? rows[rows.length - 1]!.id;
        return (
          <>
            <div className="toolbar">
              <div className="field field-inline">
                <label htmlFor={id}>Round</label>
                <select id={id} value={current} onChange={(e) => onChange(e.target.value)}>
                  {rows.map((r) => <option key={r.id} value={r.id}>{r.id} — sample {r.sampleId}, {r.coders.length} coders</option>)}
                </select>
              </div>
            </div>
            {children(current)}
          </>
        );
      }}
    </Show>
  );
}
