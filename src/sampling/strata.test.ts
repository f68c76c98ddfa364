import { describe, expect, it } from 'vitest';
import { parseNeymanSd } from './design-options.ts';
import { parseStrataBy, STRATIFIABLE, stratumLabel, strataColumns } from './strata.ts';

describe('stratification variables', () => {
  it('accepts categorical and country series variables, the source, region and year, in the order given', () => {
    expect(parseStrataBy('series.victimGender, region,year')).toEqual(['series.victimGender', 'region', 'year']);
    expect(STRATIFIABLE).toContain('series.selfGenerated');
    expect(STRATIFIABLE).toContain('series.country');
    expect(STRATIFIABLE).toContain('series.source');
    expect(STRATIFIABLE).not.toContain('series.firstSeen');
    expect(STRATIFIABLE).not.toContain('series.victimCount');
    expect(strataColumns(['series.victimGender', 'region', 'year', 'series.country'])).toEqual(['victim_gender', 'country', 'first_seen']);
  });

  it('refuses unknown, non-categorical and repeated variables', () => {
    expect(() => parseStrataBy('series.victimCount')).toThrow(/"series\.victimCount" cannot stratify series \(allowed: series\.source, /);
    expect(() => parseStrataBy('victim.gender')).toThrow(/cannot stratify series/);
    expect(() => parseStrataBy('region,region')).toThrow('--strata: "region" is given twice');
    expect(() => parseStrataBy(' , ')).toThrow('--strata names no variable');
  });

  it('labels a series by its codes joined with " / ", region and year derived, a missing value as notDeterminable', () => {
    const row = { victim_gender: 'female', country: 'DE', first_seen: '2016-05-02', self_generated: null };
    expect(stratumLabel(row, ['series.victimGender', 'region'])).toBe('female / Europe');
    expect(stratumLabel(row, ['year', 'series.selfGenerated', 'series.country'])).toBe('2016 / notDeterminable / DE');
    expect(stratumLabel({ country: 'ZZ' }, ['region'])).toBe('Not determinable');
  });
});

describe('parseNeymanSd', () => {
  it('reads label=value items; labels may hold " / " and spaces', () => {
    expect(parseNeymanSd('female / Europe=0.3, male / Not determinable=0.5,Asia=0')).toEqual({ 'female / Europe': 0.3, 'male / Not determinable': 0.5, Asia: 0 });
  });
  it.each([
    ['Europe', '--neyman-sd item "Europe": expected label=value'],
    ['Europe=-1', '--neyman-sd item "Europe=-1": the standard deviation must be a number ≥ 0'],
    ['Europe=x', '--neyman-sd item "Europe=x": the standard deviation must be a number ≥ 0'],
    ['Europe=0.2,Europe=0.3', '--neyman-sd: stratum "Europe" is given twice'],
    [',', '--neyman-sd gives no standard deviation; use "label=0.3,label=0.5"'],
  ])('refuses %s', (text, message) => {
    expect(() => parseNeymanSd(text)).toThrow(message);
  });
});
