import { describe, expect, it } from 'vitest';
import { binColours, binOf, choroplethSvg, defaultFormat, equalIntervals, NO_DATA_FILL, textAlternative, thresholdsFor } from './choropleth.ts';
import { worldCountries } from './world.ts';

const VALUES = new Map<string, number | null>([
  ['DE', 40],
  ['FR', null],
  ['BR', 12],
  ['US', 55],
  ['IN', 70],
  ['AU', 5],
  ['XK', 20],
]);
const OPTS = { title: 'Unidentified victims <2025>', legend: 'Unidentified victims (%)', scale: { domain: [0, 100] as const } };

function fillOf(svg: string, alpha2: string): string[] {
  return [...svg.matchAll(new RegExp(`<path data-country="${alpha2}" d="[^"]+" fill="([^"]+)"`, 'g'))].map((m) => m[1]!);
}

describe('binning', () => {
  it('equal intervals and bin of a value (a value on a cut point goes to the upper bin)', () => {
    expect(equalIntervals(0, 100, 5)).toEqual([20, 40, 60, 80]);
    expect([0, 19.99, 20, 40, 79.9, 80, 100].map((v) => binOf(v, [20, 40, 60, 80]))).toEqual([0, 0, 1, 2, 3, 4, 4]);
    expect(thresholdsFor([5, 12, 70])).toEqual([18, 31, 44, 57]);
    expect(thresholdsFor([], { thresholds: [1, 10, 100] })).toEqual([1, 10, 100]);
    expect(() => thresholdsFor([], { thresholds: [10, 1] })).toThrow(/ascending/);
    expect(() => thresholdsFor([], { bins: 9 })).toThrow(/3 to 6/);
  });

  it('formats with up to three significant digits', () => {
    expect([0, 0.123456, 4.5678, 40, 1234.5].map(defaultFormat)).toEqual(['0', '0.123', '4.57', '40', '1235']);
  });
});

describe('world shapes', () => {
  it('maps world-atlas numeric ids to alpha-2, leaves out Antarctica, finds Kosovo by name', () => {
    const shapes = worldCountries();
    expect(shapes).toHaveLength(176);
    expect(shapes.filter((s) => s.alpha2 === undefined).map((s) => s.name).sort()).toEqual(['N. Cyprus', 'Somaliland']);
    expect(shapes.find((s) => s.alpha2 === 'DE')?.name).toBe('Germany');
    expect(shapes.some((s) => s.alpha2 === 'XK')).toBe(true);
    expect(shapes.some((s) => s.alpha2 === 'AQ')).toBe(false);
  });
});

describe('choroplethSvg', () => {
  const svg = choroplethSvg(VALUES, OPTS);

  it('colours a country by its bin, suppressed ones with the hatch and the rest as no data', () => {
    const colours = binColours(5);
    expect(fillOf(svg, 'DE')).toEqual([colours[2]]);
    expect(fillOf(svg, 'IN')).toEqual([colours[3]]);
    expect(fillOf(svg, 'AU')).toEqual([colours[0]]);
    expect(fillOf(svg, 'XK')).toEqual([colours[1]]);
    expect(fillOf(svg, 'FR')).toEqual(['url(#map-hatch)']);
    expect(fillOf(svg, 'IT')).toEqual([NO_DATA_FILL]);
    expect(fillOf(svg, 'CN')).toEqual([NO_DATA_FILL]);
  });

  it('has a hover title per country and a legend in the same units', () => {
    expect(svg).toContain('<title>Germany: 40</title>');
    expect(svg).toContain('<title>France: suppressed (confidential)</title>');
    expect(svg).toContain('<title>Italy: no data</title>');
    expect(svg).toContain('>Unidentified victims (%)</text>');
    expect(svg).toContain('>40–60</text>');
    expect(svg).toContain('>suppressed</text>');
    expect(svg).toContain('>no data</text>');
  });

  it('is accessible: role img, title and a text alternative referenced by aria-labelledby', () => {
    expect(svg).toMatch(/^<svg viewBox="0 0 960 \d+" width="100%" role="img" aria-labelledby="map-title map-desc"/);
    expect(svg).toContain('<title id="map-title">Unidentified victims &lt;2025&gt;</title>');
    expect(svg).toContain(
      '<desc id="map-desc">World map of Unidentified victims (%) by country. 6 countries have a value, from 5 to 70. Highest: India 70; United States 55; Germany 40. Lowest: Australia 5; Brazil 12; Kosovo 20. 1 suppressed for confidentiality. Other countries: no data.</desc>',
    );
  });

  it('has no external references and a reasonable size', () => {
    expect(svg).not.toMatch(/http/i);
    expect(svg).not.toMatch(/href|@import|<image|<script|<foreignObject/i);
    expect([...svg.matchAll(/url\(([^)]*)\)/g)].every((m) => m[1]!.startsWith('#'))).toBe(true);
    expect(svg.length).toBeLessThan(300_000);
    const standalone = choroplethSvg(VALUES, { ...OPTS, standalone: true });
    expect(standalone.match(/http[^"]*/g)).toEqual(['http://www.w3.org/2000/svg']);
  });

  it('keeps ids apart when several maps share a page', () => {
    const other = choroplethSvg(VALUES, { ...OPTS, id: 'm2' });
    expect(other).toContain('aria-labelledby="m2-title m2-desc"');
    expect(fillOf(other, 'FR')).toEqual(['url(#m2-hatch)']);
    expect(other).not.toContain('map-hatch');
  });

  it('lists countries too small to draw at 1:110m under the legend', () => {
    const small = choroplethSvg(new Map<string, number | null>([['SG', 33], ['MT', null], ['DE', 40]]), OPTS);
    expect(small).toContain('>Too small to draw at this scale: Malta suppressed; Singapore 33.</text>');
    expect(svg).not.toContain('Too small');
    expect(small).toContain('Highest: Germany 40; Singapore 33.');
  });

  it('refuses non-finite values', () => {
    expect(() => choroplethSvg(new Map([['DE', Number.NaN]]), OPTS)).toThrow(/DE is not finite/);
  });

  it('says so when no country has data', () => {
    expect(textAlternative(new Map(), 'Share (%)')).toBe('World map of Share (%) by country. No country has data. Other countries: no data.');
  });
});

describe('choroplethSvg with every value equal', () => {
  it('labels the bins with ascending ranges from the value up (never "5–4")', () => {
    const svg = choroplethSvg(new Map([['DE', 5], ['FR', 5]]), { title: 'Equal', legend: 'Series (number)' });
    const ranges = [...svg.matchAll(/<title>([\d.]+)–([\d.]+)<\/title>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(ranges.length).toBeGreaterThanOrEqual(3);
    for (const [a, b] of ranges) expect(b!).toBeGreaterThan(a!);
    expect(ranges[0]![0]).toBe(5);
    expect(ranges.at(-1)![1]).toBe(6);
  });
});
