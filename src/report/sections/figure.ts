import type { TopLevelSpec } from 'vega-lite';
import { renderChartSvg } from '../charts/render.ts';
import { escapeHtml, html, trusted, type Html, type HtmlValue } from '../html.ts';

/**
 * A chart as a `<figure>`: the SVG drawn at build time (no script, no network), labelled for
 * screen readers with the spec's description, and a caption. The numbers are always in a table
 * next to it, so the chart never carries information the page does not also give as text.
 */
export async function chartFigure(options: { readonly id: string; readonly spec: TopLevelSpec; readonly caption: HtmlValue }): Promise<Html> {
  const svg = await renderChartSvg(options.spec, options.id);
  const label = escapeHtml(options.spec.description ?? '');
  const labelled = svg.replace(/^<svg /, `<svg role="img" aria-label="${label}" focusable="false" `);
  return html`<figure class="chart" id="${options.id}">
<div class="chart-body">${trusted(labelled)}</div>
<figcaption>${options.caption}</figcaption>
</figure>`;
}
