import { describe, expect, it } from 'vitest';
import { sampleSet } from '../testing/indicator-set.ts';
import { choroplethSvg } from './choropleth.ts';
import { mapLegendOf, mapValuesOf } from './values.ts';

describe('mapValuesOf', () => {
  const [share, count] = sampleSet().results;

  it('takes country totals in the published unit and leaves out ZZ, regions and breakdowns', () => {
    expect([...mapValuesOf(share!)]).toEqual([['DE', 40]]);
    expect([...mapValuesOf(count!)]).toEqual([['BR', 40]]);
  });

  it('for one year: values, suppressed cells as null, no-data left out', () => {
    expect([...mapValuesOf(share!, { year: '2020' })]).toEqual([
      ['DE', 25],
      ['FR', null],
    ]);
    expect([...mapValuesOf(share!, { year: '2021' })]).toEqual([['FR', null]]);
  });

  it('labels the legend with title and unit, and the map draws it', () => {
    expect(mapLegendOf(share!)).toBe('Share of victims who remain unidentified (%)');
    expect(mapLegendOf(count!)).toBe('Number of series by suspected country of abuse (number)');
    const svg = choroplethSvg(mapValuesOf(share!, { year: '2020' }), { title: 'Unidentified, 2020', legend: mapLegendOf(share!), scale: { domain: [0, 100] } });
    expect(svg).toContain('<title>Germany: 25</title>');
    expect(svg).toContain('<title>France: suppressed (confidential)</title>');
    expect(svg).toContain('<title>Italy: no data</title>');
  });
});
