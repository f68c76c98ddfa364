import { describe, expect, it } from 'vitest';
import { VindexError } from '../errors.ts';
import { countriesOfRegion, formatFrameFilter, frameFilterJson, parseFrameFilter, REGIONS } from './frame-filter.ts';

function errorOf(text: string): VindexError {
  try {
    parseFrameFilter(text);
  } catch (err) {
    if (err instanceof VindexError) return err;
    throw err;
  }
  throw new Error(`parsed without error: ${text}`);
}

describe('parseFrameFilter', () => {
  it('parses every key into canonical form: sorted, de-duplicated, alpha-2 countries, region names as in the country table', () => {
    const f = parseFrameFilter('identified=NO;region=europe,Africa;years=2015-2020;source=ICSE-A;country=fra,DE,FR');
    expect(f).toEqual({ country: ['DE', 'FR'], identified: ['no'], region: ['Africa', 'Europe'], source: ['ICSE-A'], years: { from: 2015, to: 2020 } });
    expect(frameFilterJson(f)).toBe('{"country":["DE","FR"],"identified":["no"],"region":["Africa","Europe"],"source":["ICSE-A"],"years":{"from":2015,"to":2020}}');
    expect(formatFrameFilter(f)).toBe('source=ICSE-A;country=DE,FR;region=Africa,Europe;years=2015-2020;identified=no');
    expect(parseFrameFilter(formatFrameFilter(f))).toEqual(f);
  });

  it('reads an absent or blank filter as every series, a single year as a one-year range, and ignores empty parts', () => {
    expect(parseFrameFilter(undefined)).toEqual({});
    expect(parseFrameFilter('  ')).toEqual({});
    expect(formatFrameFilter({})).toBe('all series');
    expect(parseFrameFilter('years=2019;;')).toEqual({ years: { from: 2019, to: 2019 } });
    expect(parseFrameFilter('region=not determinable;identified=notdeterminable')).toEqual({ identified: ['notDeterminable'], region: ['Not determinable'] });
  });

  it.each([
    ['colour=red', '--frame part "colour=red": unknown key "colour" (keys: source, country, region, years, identified)'],
    ['years=2020-2015', '--frame part "years=2020-2015": the range 2020-2015 ends before it starts'],
    ['years=15-20', '--frame part "years=15-20": "15-20" is not a year or a range of years (YYYY or YYYY-YYYY)'],
    ['years=2015,2016', '--frame part "years=2015,2016": give one year or one range, e.g. years=2015-2020'],
    ['country=DE,XX', '--frame part "country=DE,XX": "XX" is not an ISO 3166-1 country code (alpha-2 or alpha-3, or ZZ for not determinable)'],
    ['identified=maybe', '--frame part "identified=maybe": "maybe" is not a code of series.identified (allowed: yes, no, notDeterminable)'],
    ['region=Mars', `--frame part "region=Mars": "Mars" is not a region (allowed: ${REGIONS.join(', ')})`],
    ['source=a b', '--frame part "source=a b": "a b" is not a source code (1–32 letters, digits, "_", "." or "-")'],
    ['country=DE;country=FR', '--frame part "country=FR": country is given twice; list its values once, separated by commas'],
    ['identified', '--frame part "identified": expected key=value (keys: source, country, region, years, identified)'],
    ['source=', '--frame part "source=": source has no value'],
  ])('refuses %s naming the part', (text, message) => {
    const err = errorOf(text);
    expect(err.code).toBe('VDX_SAMPLE_INVALID');
    expect(err.message).toBe(message);
  });
});

describe('countriesOfRegion', () => {
  it('lists the alpha-2 codes of a region, and ZZ for the not-determinable region', () => {
    const europe = countriesOfRegion('Europe');
    expect(europe).toContain('DE');
    expect(europe).toContain('FR');
    expect(europe).not.toContain('US');
    expect(europe).toHaveLength(53); // grep -c "\"Europe\", \"" src/codebook/countries.data.ts
    expect(countriesOfRegion('Not determinable')).toEqual(['ZZ']);
    expect(REGIONS).toEqual(['Africa', 'Americas', 'Antarctic', 'Asia', 'Europe', 'Not determinable', 'Oceania']);
  });
});
