/**
 * Vega-Lite spec → SVG text, at build time, with no network and no DOM:
 *
 *   spec → vl.compile → vega.parse → View (renderer 'none') → toSVG → scoped ids
 *
 * Specs carry their data inline (`data.values`); Vega's loader is replaced by one that refuses
 * every request, so a spec can never reach out to a URL or file.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { withHelveticaMetrics } from './text-metrics.ts';

const noLoading = {
  load: () => Promise.reject(new Error('report charts use inline data only')),
  sanitize: () => Promise.reject(new Error('report charts use inline data only')),
  http: () => Promise.reject(new Error('report charts use inline data only')),
  file: () => Promise.reject(new Error('report charts use inline data only')),
} as unknown as vega.Loader;

/**
 * Prefixes every id the SVG defines (clip paths, gradients) with `scope`, and the references to
 * them, so several charts inline in one page cannot collide, and ids do not depend on how many
 * charts this process drew before (Vega numbers them with a global counter).
 */
export function scopeSvgIds(svg: string, scope: string): string {
  const ids = [...svg.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
  const renamed = new Map(ids.map((id, i) => [id, `${scope}-d${i}`]));
  return svg
    .replace(/\sid="([^"]+)"/g, (_m, id: string) => ` id="${renamed.get(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (m, id: string) => (renamed.has(id) ? `url(#${renamed.get(id)})` : m))
    .replace(/href="#([^"]+)"/g, (m, id: string) => (renamed.has(id) ? `href="#${renamed.get(id)}"` : m));
}

/** Renders a Vega-Lite spec to SVG markup; `scope` (an HTML id) prefixes the SVG's own ids. */
export async function renderChartSvg(spec: TopLevelSpec, scope: string): Promise<string> {
  const vgSpec = compile(spec).spec;
  return withHelveticaMetrics(async () => {
    const view = new vega.View(vega.parse(vgSpec), { renderer: 'none', loader: noLoading });
    try {
      const svg = await view.toSVG();
      return scopeSvgIds(svg, scope);
    } finally {
      view.finalize();
    }
  });
}
