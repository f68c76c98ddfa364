import { describe, expect, it } from 'vitest';
import { cleanSet, PLANTED, plantedSet, REPORT_MANIFEST, SHARE } from '../../publish/testing/indicator-report-set.ts';
import type { PublishableSet } from '../../publish/sdmx/rows.ts';
import { renderReport } from '../render.ts';
import type { ReportSection } from '../section.ts';
import { indicatorsSection } from './indicators.ts';

/** The whole section as a page, and every file it declares. */
function page(s: ReportSection): string {
  return renderReport([s], { title: 'Indicators' });
}
const files = (s: ReportSection): Map<string, string> => new Map((s.subsections ?? []).flatMap((x) => x.files ?? []).map((f) => [f.path, f.content]));
const sub = (s: ReportSection, id: string): string => s.subsections!.find((x) => x.id === id)!.body.toString();
/** The row of a table whose header cell says `label`. */
const row = (body: string, label: string): string => body.match(new RegExp(`<tr[^>]*><th scope="[a-z]+"[^>]*>${label}</th>.*?</tr>`))?.[0] ?? '';
const withoutSvg = (s: string): string => s.replace(/<svg[\s\S]*?<\/svg>/g, '');

describe('indicatorsSection', async () => {
  const s = await indicatorsSection(cleanSet());
  const share = sub(s, 'indicator-victims-unidentified');
  const at = share.indexOf('<figure class="chart" id="indicator-trend-');
  const [geo, years] = [share.slice(0, at), share.slice(at)];

  it('is one section with an intro and one subsection per indicator id, in set order', () => {
    expect(s.id).toBe('indicators');
    expect(s.title).toBe('Indicators');
    expect(s.subsections!.map((x) => x.id)).toEqual(['indicator-victims-unidentified', 'indicator-series-count', 'indicator-time-to-identification']);
    const intro = s.body.toString();
    expect(intro).toContain('Every figure here comes from disclosure-protected counts');
    expect(intro).toContain('<strong>C</strong> suppressed (primary');
    expect(intro).toContain('<strong>D</strong> suppressed to protect another cell');
    expect(intro).toContain('<strong>…</strong> no data');
    expect(intro).toContain('<strong>not reached</strong>');
    expect(intro).toContain('Synthetic data');
    expect(intro).toContain('2025-12-31');
  });

  it('gives definition, unit, interval method and aggregation note', () => {
    expect(share).toContain('<p>Victims not identified, out of all victims.</p>');
    expect(share).toContain('Unit: share, shown in percent of victims. Interval: 95% Wilson score interval.');
    expect(share).toContain('Regional and global shares pool the victims of their countries.');
    expect(share).toContain('World, all first-sighting years: <strong>52.0%</strong> (95% interval 50.0–54.0%)');
  });

  it('lists World, then each region with its countries, shares in % with the interval', () => {
    const order = [...geo!.matchAll(/<tr class="(world|region|country)"[^>]*><th scope="(row|rowgroup)"[^>]*>([^<]+)<\/th>/g)].map((m) => `${m[1]}:${m[3]}`);
    // ZZ has the same figures as the region "Not determinable" and is shown once.
    expect(order).toEqual(['world:World', 'region:Americas', 'country:Brazil', 'country:United States', 'region:Europe', 'country:France', 'country:Germany', 'country:Italy', 'region:Not determinable']);
    expect(row(geo!, 'World')).toContain('<td class="num">52.0</td><td class="num ci">50.0–54.0</td><td class="num">520</td><td class="num">1,000</td><td class="flag"></td>');
    expect(row(geo!, 'Germany')).toContain('<td class="num">40.0</td><td class="num ci">34.1–46.2</td><td class="num">80</td><td class="num">200</td>');
    expect(geo).toContain('<th scope="col" class="num">Value (%)</th><th scope="col" class="num ci">95% interval (%)</th>');
    expect(geo).toContain('<th scope="rowgroup" style="font-weight:700">Europe</th>');
    expect(geo).toMatch(/<caption><span class="caption-title">Share of victims who remain unidentified, by country and region<\/span>/);
  });

  it('shows C and D flags and no-data markers instead of numbers', () => {
    const france = row(geo!, 'France');
    const italy = row(geo!, 'Italy');
    expect(france.match(/>C<\/abbr>/g)).toHaveLength(5);
    expect(italy.match(/>D<\/abbr>/g)).toHaveLength(5);
    expect(france.replace(/<[^>]+>/g, '')).toBe('FranceCCCCC');
    expect(italy.replace(/<[^>]+>/g, '')).toBe('ItalyDDDDD');
    expect(row(geo!, 'United States').replace(/<[^>]+>/g, '')).toBe('United States……00…');
    expect(row(years!, '2020').replace(/<[^>]+>/g, '')).toBe('2020CCCCC');
    expect(row(years!, '2022').replace(/<[^>]+>/g, '')).toBe('2022DDDDD');
  });

  it('draws the world map with suppressed countries hatched, labelled for screen readers', () => {
    const map = geo!.match(/<svg[\s\S]*?<\/svg>/)![0];
    expect(map).toContain('role="img"');
    expect(map).toContain('aria-labelledby="indicator-map-victims-unidentified-title indicator-map-victims-unidentified-desc"');
    expect(map).toMatch(/<path data-country="FR" d="[^"]+" fill="url\(#indicator-map-victims-unidentified-hatch\)"/);
    expect(map).toContain('<title>France: suppressed (confidential)</title>');
    expect(map).toContain('<title>Germany: 40.0</title>');
    expect(geo).toContain('<figcaption>Share of victims who remain unidentified, by country (all first-sighting years), in %.');
  });

  it('draws the trend chart, the trend test and the years left out', () => {
    const chart = years!.match(/<figure class="chart" id="indicator-trend-victims-unidentified">[\s\S]*?<\/figure>/)![0];
    expect(chart).toMatch(/<svg role="img" aria-label="Chart: Share of victims who remain unidentified, by year of first sighting, 2 years from 2019 to 2021;/);
    expect(chart).toContain('<path');
    expect(chart).toContain('Not drawn: 2020 (suppressed, C); 2022 (suppressed, D); 2023 (no data).');
    expect(years).toContain('Cochran–Armitage test for trend over first-sighting years: <i>χ</i>² = 4.41 (1 df, <i>z</i> = −2.10), <i>p</i> = 0.036; change per year −2.10 percentage points (weighted least squares).');
    expect(sub(s, 'indicator-series-count')).toContain('Poisson score test for a log-linear trend in the yearly counts: <i>χ</i>² = 0.50 (1 df), <i>p</i> = 0.479.</p>');
    expect(sub(s, 'indicator-time-to-identification')).toContain('No test for trend is defined for Kaplan–Meier medians');
  });

  it('says why there is no trend test when the result has none', async () => {
    const set = cleanSet();
    const noTrend: PublishableSet = { ...set, results: set.results.map((r) => {
        if (r.definition.id !== SHARE.id || !r.by.includes('year')) return r;
        const { trend: _t, ...rest } = r;
        return rest;
      }) };
    const body = sub(await indicatorsSection(noTrend), 'indicator-victims-unidentified');
    expect(body).not.toContain('Cochran');
    expect(body).toContain('No test for trend is given: it needs at least two first-sighting years with data and could not be computed, or not from the disclosure-protected counts.');
  });

  it('shows counts as integers and a not-reached median as such', () => {
    const count = sub(s, 'indicator-series-count');
    expect(row(count, 'Germany')).toContain('<td class="num">236</td><td class="num ci">206.8–268.1</td><td class="num">236</td><td class="num">–</td>');
    const median = sub(s, 'indicator-time-to-identification');
    expect(row(median, '2024')).toContain('<td class="num">not reached</td><td class="num ci">1.1–not reached</td><td class="num">5</td><td class="num">60</td>');
    expect(row(median, '2023')).toContain('<td class="num">2.4</td><td class="num ci">1.2–3.9</td>');
    expect(median).toContain('Years not drawn: 2024 (median not reached).');
  });

  it('writes each table as CSV, suppressed values empty', () => {
    const f = files(s);
    expect([...f.keys()]).toEqual([
      'indicators/victims-unidentified-by-country.csv',
      'indicators/victims-unidentified-by-year.csv',
      'indicators/series-count-by-country.csv',
      'indicators/series-count-by-year.csv',
      'indicators/time-to-identification-by-year.csv',
    ]);
    const geoCsv = f.get('indicators/victims-unidentified-by-country.csv')!.split('\r\n');
    expect(geoCsv[0]).toBe('indicator,area_level,region,country,area_name,unit,value,lower,upper,level,numerator,denominator,status,conf_status');
    expect(geoCsv[1]).toBe('victims-unidentified,world,,,World,share (proportion 0-1),0.52,0.5,0.54,0.95,520,1000,estimated,F');
    expect(geoCsv).toContain('victims-unidentified,country,Europe,FR,France,share (proportion 0-1),,,,0.95,,,estimated,C');
    expect(geoCsv).toContain('victims-unidentified,country,Europe,IT,Italy,share (proportion 0-1),,,,0.95,,,estimated,D');
    const yearCsv = f.get('indicators/victims-unidentified-by-year.csv')!.split('\r\n');
    expect(yearCsv[0]).toBe('indicator,year,unit,value,lower,upper,level,numerator,denominator,status,conf_status');
    expect(yearCsv).toContain('victims-unidentified,2019,share (proportion 0-1),0.55,0.45,0.65,0.95,55,100,estimated,F');
    expect(yearCsv).toContain('victims-unidentified,2023,share (proportion 0-1),,,,0.95,0,0,no-data,F');
    expect(f.get('indicators/time-to-identification-by-year.csv')).toContain('time-to-identification,2024,years,,1.1,,0.95,5,60,not-reached,F');
    for (const sec of s.subsections!) for (const file of sec.files ?? []) expect(sec.body.toString()).toContain(`<a href="${file.path}">`);
  });

  it('maps one first-sighting year with mapYear, when the country result has years', async () => {
    const body = sub(await indicatorsSection(cleanSet(), { mapYear: '2021' }), 'indicator-series-count');
    expect(body).toContain('<title id="indicator-map-series-count-title">Number of series, by country (first sighted in 2021)</title>');
    expect(body).toContain('<title>Germany: 128</title>');
    // The table stays over all years.
    expect(row(body, 'Germany')).toContain('<td class="num">236</td>');
    // A result without years keeps its all-years map.
    expect(sub(await indicatorsSection(cleanSet(), { mapYear: '2021' }), 'indicator-victims-unidentified')).toContain('by country (all first-sighting years)');
  });

  it('shows rates per their multiplier', async () => {
    const rate = { ...SHARE, id: 'victims-per-series', title: 'Victims per 100 series', unit: 'rate' as const, per: 100, interval: 'poisson' as const };
    const set: PublishableSet = {
      manifest: REPORT_MANIFEST,
      results: [{ definition: rate, by: ['country'], aggregation: 'pooled', aggregationNote: '', observations: [{ indicator: rate.id, dims: {}, value: 123.456, lower: 110.2, upper: 137.9, numerator: 1235, denominator: 1000, status: 'estimated', confStatus: 'F' }] }],
    };
    const body = sub(await indicatorsSection(set), 'indicator-victims-per-series');
    expect(body).toContain('<th scope="col" class="num">Value (per 100)</th>');
    expect(row(body, 'World')).toContain('<td class="num">123.46</td><td class="num ci">110.20–137.90</td><td class="num">1,235</td><td class="num">1,000</td>');
    expect(body).toContain('No country-level figures to map.');
  });

  it('references nothing outside the page', () => {
    const p = page(s);
    expect(p).not.toMatch(/https:\/\//i);
    expect(p.match(/http:\/\/[^"]*/g)?.filter((u) => u !== 'http://www.w3.org/2000/svg' && u !== 'http://www.w3.org/1999/xlink') ?? []).toEqual([]);
    expect(p).not.toMatch(/<img\b/i);
    expect(p).not.toMatch(/<script\b/i);
    expect(p).not.toMatch(/\s(?:src|href|xlink:href)\s*=\s*["']?\s*(?:https?:|\/\/|data:|file:|javascript:)/i);
  });
});

describe('indicatorsSection is fail-closed on suppression', async () => {
  // Suppressed observations that (wrongly) still carry their figures.
  const planted = await indicatorsSection(plantedSet());
  const clean = await indicatorsSection(cleanSet());
  const html = page(planted);
  const csv = [...files(planted).values()].join('\n');

  it('prints none of the planted numbers, in any form', () => {
    const forms = [
      ...[PLANTED.numerator, PLANTED.denominator, PLANTED.count, PLANTED.count - 11, PLANTED.count + 13].flatMap((n) => [String(n), n.toLocaleString('en-US')]),
      ...[PLANTED.value, PLANTED.lower, PLANTED.upper].flatMap((v) => [String(v), (100 * v).toFixed(1), (100 * v).toFixed(2), v.toFixed(3)]),
    ];
    for (const form of forms) {
      expect(csv, form).not.toContain(form);
      // Decimals of one digit after the point may occur by chance in SVG coordinates; outside the SVG they may not occur at all.
      expect(withoutSvg(html), form).not.toContain(form);
      if (form.length >= 5) expect(html, form).not.toContain(form);
    }
  });

  it('renders exactly as if the suppressed figures were null', () => {
    expect(page(planted)).toBe(page(clean));
    expect([...files(planted)]).toEqual([...files(clean)]);
  });

  it('treats an unknown flag as suppressed', async () => {
    const set = plantedSet();
    const odd: PublishableSet = {
      manifest: REPORT_MANIFEST,
      results: set.results.map((r) => ({ ...r, observations: r.observations.map((o) => (o.dims.country === 'DE' && Object.keys(o.dims).length === 1 ? { ...o, confStatus: 'X' as never } : o)) })),
    };
    const s = await indicatorsSection(odd);
    const body = sub(s, 'indicator-victims-unidentified');
    expect(row(body, 'Germany').replace(/<[^>]+>/g, '')).toBe('GermanyCCCCC');
    expect(body).not.toContain('34.1–46.2');
    expect(body).toContain('<title>Germany: suppressed (confidential)</title>');
    expect([...files(s).values()].join('\n')).toContain('victims-unidentified,country,Europe,DE,Germany,share (proportion 0-1),,,,0.95,,,estimated,C');
  });

  it('warns when the set carries no disclosure flags at all', async () => {
    const set = cleanSet();
    const raw: PublishableSet = { manifest: set.manifest, results: set.results.map((r) => ({ ...r, observations: r.observations.filter((o) => o.confStatus === 'F').map(({ confStatus: _c, ...o }) => o) })) };
    const body = (await indicatorsSection(raw)).body.toString();
    expect(body).toContain('Not disclosure-protected');
    expect(body).not.toContain('Every figure here comes from disclosure-protected counts');
  });
});
