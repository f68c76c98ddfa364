/**
 * The report's stylesheet, inlined into index.html: system fonts only (nothing to download),
 * text contrast of at least 7:1 for body text and 4.5:1 (WCAG AA) everywhere, tabular figures in tables, and print rules for A4
 * (no breaks inside tables and figures, headings kept with what follows, colours kept).
 */
export const REPORT_CSS = `
:root {
  --ink: #1b1f24; --muted: #4a5560; --rule: #c9d1d9; --faint: #eef2f6; --navy: #0f2d4f; --accent: #2166ac;
  --unidentified: #2166ac; --identified: #d9731a; --all: #8c969f;
  --sans: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", "Nimbus Sans", sans-serif;
  --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: var(--sans); font-size: 16px; line-height: 1.55; color: var(--ink); background: #fff; }
.wrap { max-width: 62rem; margin: 0 auto; padding: 0 1.5rem; }
.skip { position: absolute; left: -999px; top: 0; background: #fff; padding: .5rem 1rem; }
.skip:focus { left: 1rem; z-index: 1; }
a { color: #174f86; text-underline-offset: 2px; }
a:focus-visible { outline: 3px solid #f2b632; outline-offset: 2px; }
code { font-family: var(--mono); font-size: .88em; }
cite { font-style: italic; }

.masthead { background: var(--navy); color: #fff; padding: 2.25rem 0 1.75rem; border-bottom: 6px solid var(--accent); }
.masthead .kicker { margin: 0 0 .35rem; font-size: .8rem; letter-spacing: .12em; text-transform: uppercase; color: #c8d6e6; }
.masthead h1 { margin: 0; font-size: 2.1rem; line-height: 1.2; font-weight: 700; letter-spacing: -.01em; }
.masthead .subtitle { margin: .5rem 0 0; font-size: 1.1rem; color: #e3ebf3; }
.masthead .meta { display: flex; flex-wrap: wrap; gap: .25rem 1.75rem; margin: 1.25rem 0 0; padding: 0; font-size: .85rem; color: #c8d6e6; }
.masthead .meta div { display: flex; gap: .4rem; }
.masthead .meta dt { font-weight: 600; color: #fff; }
.masthead .meta dd { margin: 0; }
.masthead .badge { display: inline-block; margin-left: .6rem; padding: .1rem .55rem; border-radius: 3px; background: #f2b632; color: #1b1f24; font-size: .8rem; font-weight: 700; letter-spacing: .04em; vertical-align: middle; text-transform: uppercase; }

nav.contents { margin: 2rem 0 0; padding: 1rem 1.25rem; background: var(--faint); border-left: 4px solid var(--navy); }
nav.contents h2 { margin: 0 0 .4rem; padding: 0; border: 0; font-size: .85rem; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
nav.contents ol { margin: 0; padding-left: 1.4rem; columns: 2 18rem; column-gap: 2.5rem; }
nav.contents li { break-inside: avoid; }
nav.contents ol ol { columns: auto; padding-left: 1.1rem; font-size: .92em; }

main section { margin-top: 2.75rem; }
main section section { margin-top: 2.25rem; }
h2 { margin: 0 0 1rem; padding-top: .7rem; border-top: 3px solid var(--navy); font-size: 1.55rem; line-height: 1.25; }
h3 { margin: 0 0 .75rem; font-size: 1.2rem; line-height: 1.3; }
h4 { margin: 0 0 .5rem; font-size: 1.05rem; }
p { margin: 0 0 1rem; max-width: 46rem; }
.lead { font-size: 1.08rem; }

.notice { margin: 1rem 0 1.25rem; padding: .8rem 1rem; border-left: 5px solid; max-width: 46rem; }
.notice p { margin: 0; }
.notice-synthetic { background: #fff4df; border-color: #b35c00; }
.notice-status { background: var(--faint); border-color: var(--muted); }

dl.key-figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(9rem, 1fr)); gap: .75rem; margin: 1.5rem 0; padding: 0; }
.figure-tile { padding: .75rem 1rem; border-top: 4px solid var(--navy); background: var(--faint); }
.figure-tile dt { font-size: .82rem; color: var(--muted); }
.figure-tile dd { margin: .1rem 0 0; font-size: 1.6rem; font-weight: 700; font-variant-numeric: tabular-nums; }

.table-wrap { overflow-x: auto; margin: 0 0 1.25rem; }
table.data { border-collapse: collapse; font-size: .9rem; font-variant-numeric: tabular-nums lining-nums; min-width: 60%; }
table.data caption { caption-side: top; text-align: left; padding: 0 0 .5rem; max-width: 46rem; }
.caption-title { display: block; font-weight: 700; font-size: 1rem; }
.caption-note { display: block; color: var(--muted); font-size: .85rem; }
table.data th, table.data td { padding: .35rem .6rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
table.data thead th { border-bottom: 2px solid var(--ink); font-weight: 600; vertical-align: bottom; }
table.data thead tr:first-child th[scope="colgroup"] { border-bottom: 1px solid var(--ink); text-align: center; }
table.data tbody th { font-weight: 400; }
table.data tfoot th, table.data tfoot td { border-top: 2px solid var(--ink); border-bottom: 0; font-weight: 600; }
table.data .num { text-align: right; white-space: nowrap; }
table.data .ci { color: var(--muted); }
table.data td.first, table.data th[scope="colgroup"] { border-left: 1px solid var(--rule); }
table.data tr.nd th, table.data tr.nd td { color: var(--muted); font-style: italic; }
table.data .pct { display: block; font-size: .8rem; color: var(--muted); }
table.data td.total { background: #f7f9fb; }
table.data.contingency thead th { white-space: normal; min-width: 6.5rem; }
table.data.contingency th[scope="row"] { white-space: nowrap; }
table.data .sub { display: block; font-size: .8rem; color: var(--muted); }
table.manifest th { width: 13rem; font-weight: 600; }
table.manifest td { max-width: 40rem; }
code.hash { word-break: break-all; }
.key { display: inline-block; width: .75em; height: .75em; margin-right: .4em; vertical-align: baseline; border-radius: 1px; }
.pop-unidentified .key { background: var(--unidentified); }
.pop-identified .key { background: var(--identified); }
.pop-all .key { background: var(--all); }
.data-links { font-size: .85rem; color: var(--muted); }
p.test { font-size: .92rem; }

figure.chart { margin: 0 0 1.25rem; }
.chart-body { overflow-x: auto; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
figure.chart figcaption { margin-top: .35rem; font-size: .85rem; color: var(--muted); max-width: 46rem; }

dl.methods dt { font-weight: 700; margin-top: 1rem; }
dl.methods dd { margin: .25rem 0 0; max-width: 46rem; }
ul.references { padding-left: 1.2rem; }
ul.references li { margin-bottom: .4rem; max-width: 46rem; }

footer.colophon { margin-top: 3.5rem; padding: 1.25rem 0 2.5rem; border-top: 1px solid var(--rule); font-size: .82rem; color: var(--muted); }
footer.colophon p { margin: 0 0 .35rem; max-width: none; }

@media (max-width: 40rem) {
  body { font-size: 15px; }
  .wrap { padding: 0 1rem; }
  .masthead h1 { font-size: 1.6rem; }
}
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .wrap { max-width: none; padding: 0; }
  .masthead { padding: 1.25rem 1rem; }
  nav.contents, .skip, .data-links { display: none; }
  h2, h3, h4, caption { break-after: avoid; }
  table, figure, .notice, dl.key-figures { break-inside: avoid; }
  main section { margin-top: 1.5rem; }
  main > section { break-before: page; }
  main > section:first-of-type { break-before: auto; }
  a { color: inherit; text-decoration: none; }
  .table-wrap, .chart-body { overflow: visible; }
}
`;
