/** Publishable outputs of indicator sets: SDMX files, the world choropleth, PDF of a report (docs/sdmx.md). */
export * from './sdmx/index.ts';
export { choroplethSvg, mapLegendOf, mapValuesOf, textAlternative, type ChoroplethOptions, type ChoroplethScale } from './map/index.ts';
export { chromiumArgs, countPdfPages, findChromium, renderPdf, type RenderPdfOptions, type RenderedPdf } from './pdf.ts';
