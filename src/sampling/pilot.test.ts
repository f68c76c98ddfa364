import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../stats/testing/close.ts';
import { parsePilotShare, pilotShares, type PilotObservation } from './pilot.ts';

interface Fixture {
  readonly units: PilotObservation[];
  readonly expected: Record<string, { p: number; sd: number; unweighted: number }>;
}
// Written by scripts/reference/sampling-pilot.R (R survey: svyby(~hit, ~new, design, svymean)).
const fixture = JSON.parse(readFileSync(new URL('./fixtures/pilot-shares.json', import.meta.url), 'utf8')) as Fixture;

describe('pilotShares', () => {
  it('agrees with R survey: p_h is the weighted domain mean, S_h = √(p_h(1 − p_h))', () => {
    const shares = pilotShares(fixture.units);
    expect([...shares.keys()]).toEqual(Object.keys(fixture.expected).sort());
    for (const [label, e] of Object.entries(fixture.expected)) {
      const got = shares.get(label)!;
      expectClose(got.p, e.p, 1e-12, `p_${label}`);
      expectClose(got.sd, e.sd, 1e-12, `S_${label}`);
      expect(got.n).toBe(fixture.units.filter((u) => u.stratum === label).length);
      // The fixture's weights make the unweighted share differ, so this test tells the two apart.
      expect(Math.abs(e.unweighted - e.p)).toBeGreaterThan(0.05);
    }
  });

  it('gives S_h = 0 for a stratum where every pilot unit has (or lacks) the code', () => {
    const shares = pilotShares([{ stratum: 'a', weight: 2, hit: true }, { stratum: 'a', weight: 3, hit: true }, { stratum: 'b', weight: 1, hit: false }]);
    expect([...shares.entries()]).toEqual([['a', { n: 2, p: 1, sd: 0 }], ['b', { n: 1, p: 0, sd: 0 }]]);
  });
});

describe('parsePilotShare', () => {
  it('reads VARIABLE=CODE with a categorical series variable; codes in any case', () => {
    expect(parsePilotShare('series.selfGenerated=YES')).toEqual({ variable: 'series.selfGenerated', code: 'yes' });
    expect(parsePilotShare(' series.victimGender = female ')).toEqual({ variable: 'series.victimGender', code: 'female' });
  });
  it('refuses a non-categorical or unknown variable, and an unknown code', () => {
    expect(() => parsePilotShare('series.country=DE')).toThrow(/^--pilot-share "series.country=DE": expected VARIABLE=CODE with a categorical series variable \(series\.identified, /);
    expect(() => parsePilotShare('victim.gender=female')).toThrow(/categorical series variable/);
    expect(() => parsePilotShare('series.selfGenerated=maybe')).toThrow('--pilot-share "series.selfGenerated=maybe": "maybe" is not a code of series.selfGenerated (allowed: yes, no, notDeterminable)');
  });
});
