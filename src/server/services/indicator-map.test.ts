import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNTRIES } from '../../codebook/index.ts';
import { defaultFormat } from '../../publish/map/choropleth.ts';
import type { TempStore } from '../../ingest/testing/temp-store.ts';
import { syntheticStore } from '../../sampling/testing/synthetic-store.ts';
import { indicatorByCountry, indicatorMapSvg } from './indicator-map.ts';

let t: TempStore;
beforeAll(async () => {
  t = await syntheticStore({ series: 80, seed: 4 });
});
afterAll(async () => t.cleanup());

describe('indicator map', () => {
  it('maps the country figures of the indicator in percent, with a title per country', async () => {
    const result = await indicatorByCountry(t.store, 'victims-unidentified');
    expect(result.by).toEqual(['country']);
    const countries = result.observations.filter((o) => o.dims.country !== undefined && o.dims.country !== 'ZZ' && o.status === 'estimated');
    expect(countries.length).toBeGreaterThan(1);
    const svg = indicatorMapSvg(result);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('<title id="map-title">Victims who remain unidentified, by country (all first-sighting years)</title>');
    // Each country drawn carries its share in percent in its hover title, e.g. "United States: 57.8".
    const titled = countries.filter((o) => svg.includes(`<title>${COUNTRIES.get(o.dims.country!)!.name}: `));
    expect(titled.length).toBeGreaterThan(2);
    for (const o of titled) expect(svg).toContain(`<title>${COUNTRIES.get(o.dims.country!)!.name}: ${defaultFormat(o.value * 100)}</title>`);
    expect(svg).not.toMatch(/href="http/);
  });

  it('maps one first-sighting year when asked', async () => {
    const all = await indicatorByCountry(t.store, 'victims-unidentified', { year: '2020' });
    expect(all.by).toEqual(['country', 'year']);
    expect(indicatorMapSvg(all, { year: '2020' })).toContain('(first sighted in 2020)');
  });

  it('refuses an unknown indicator', async () => {
    await expect(indicatorByCountry(t.store, 'nope')).rejects.toMatchObject({ code: 'VDX_USAGE', message: expect.stringMatching(/unknown indicator "nope"/) as string });
  });
});
