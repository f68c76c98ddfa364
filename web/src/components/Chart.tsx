import { useEffect, useRef, useState, type ReactNode } from 'react';
import { messageOf } from '../api.ts';

/** A Vega-Lite spec (kept loose: the chart builders in the screens are typed by their data). */
export type VegaLiteSpec = Record<string, unknown>;

/**
 * Draws a Vega-Lite spec with Vega's SVG renderer and the CSP-safe expression interpreter. Vega and Vega-Lite are loaded on first use
 * (one lazy chunk), so screens without charts stay small. `title` labels the figure for screen
 * readers; the data is always also shown as a table beside the chart.
 */
export function Chart({ spec, title }: { spec: VegaLiteSpec; title: string }): ReactNode {
  const el = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let view: { finalize(): void } | null = null;
    let cancelled = false;
    void (async () => {
      try {
        const [vega, vl, { expressionInterpreter }] = await Promise.all([import('vega'), import('vega-lite'), import('vega-interpreter')]);
        if (cancelled || !el.current) return;
        const compiled = vl.compile(spec as unknown as Parameters<typeof vl.compile>[0]).spec;
        // Expressions are interpreted, not compiled with Function(): the page needs no 'unsafe-eval'.
        const v = new vega.View(vega.parse(compiled, undefined, { ast: true }), { expr: expressionInterpreter, renderer: 'svg', container: el.current, hover: true });
        view = v;
        await v.runAsync();
      } catch (e) {
        if (!cancelled) setError(e);
      }
    })();
    return () => {
      cancelled = true;
      view?.finalize();
    };
  }, [spec]);
  return (
    <figure className="chart" aria-label={title}>
      {error !== null ? <p className="status status-error" role="alert">The chart could not be drawn: {messageOf(error)}</p> : null}
      <div ref={el} className="chart-canvas" role="img" aria-label={title} />
    </figure>
  );
}
