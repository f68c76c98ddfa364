import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close.ts';
import { concordance } from './concordance.ts';
import { goodmanKruskalGamma } from './goodman-kruskal-gamma.ts';
import { kendallTauB } from './kendall-tau-b.ts';
import { ordinalAssociation } from './ordinal-association.ts';
import fixture from './fixtures/ordinal-association.json' with { type: 'json' };

interface Case {
  name: string;
  table: number[][];
  concordantPairs: number;
  discordantPairs: number;
  gamma: number;
  gammaAse: number;
  kendallTauB: number;
  kendallTauBAse: number;
  corKendall: number;
}
const cases = fixture.cases as Case[];
const TOL = 1e-9;

describe('ordinalAssociation against R (scripts/reference/tables.R)', () => {
  it('covers named tables and seeded random ones', () => {
    expect(cases.filter((c) => c.name.startsWith('random')).length).toBeGreaterThanOrEqual(20);
  });
  for (const c of cases) {
    it(c.name, () => {
      const r = ordinalAssociation(c.table);
      expect(r.concordantPairs).toBe(c.concordantPairs);
      expect(r.discordantPairs).toBe(c.discordantPairs);
      expectClose(r.gamma, c.gamma, TOL, 'gamma');
      expectClose(r.gammaAse, c.gammaAse, TOL, 'gamma ASE (DescTools formula)');
      expectClose(r.kendallTauB, c.kendallTauB, TOL, 'tau-b');
      expectClose(r.kendallTauB, c.corKendall, TOL, 'tau-b vs cor(method = "kendall") on the expanded data');
      expectClose(r.kendallTauBAse, c.kendallTauBAse, TOL, 'tau-b ASE (delta method)');
    });
  }
});

describe('ordinalAssociation edge cases', () => {
  it('gives NaN with fewer than two non-empty rows or columns', () => {
    for (const t of [[[3, 4, 5]], [[3], [4]], [[0, 0], [0, 0]], [[2, 5], [0, 0]]]) {
      const r = ordinalAssociation(t);
      expect([r.gamma, r.gammaAse, r.kendallTauB, r.kendallTauBAse].every(Number.isNaN)).toBe(true);
    }
  });
  it('has ASE 0 for a perfect association', () => {
    expect(goodmanKruskalGamma([[4, 0], [0, 7]])).toEqual({ estimate: 1, ase: 0 });
    expect(kendallTauB([[4, 0], [0, 7]])).toEqual({ estimate: 1, ase: 0 });
  });
  it('rejects ragged tables and bad counts', () => {
    expect(() => ordinalAssociation([[1, 2], [3]])).toThrow(RangeError);
    expect(() => ordinalAssociation([[1, -2], [3, 4]])).toThrow(RangeError);
    expect(() => ordinalAssociation([[1, NaN], [3, 4]])).toThrow(RangeError);
    expect(() => ordinalAssociation([])).toThrow(RangeError);
  });
  it('counts pairs as the O(r²c²) definition does', () => {
    const t = [[1, 2, 0, 3], [4, 0, 5, 1], [2, 2, 1, 6]];
    const con = concordance(t);
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 4; j++) {
        let pc = 0;
        let pd = 0;
        for (let a = 0; a < 3; a++)
          for (let b = 0; b < 4; b++) {
            if ((a < i && b < j) || (a > i && b > j)) pc += t[a]![b]!;
            if ((a < i && b > j) || (a > i && b < j)) pd += t[a]![b]!;
          }
        expect([con.concordant[i * 4 + j], con.discordant[i * 4 + j]]).toEqual([pc, pd]);
      }
  });
});

describe('ordinalAssociation properties (fast-check, seed 3)', () => {
  const table = fc.integer({ min: 2, max: 6 }).chain((r) =>
    fc.integer({ min: 2, max: 6 }).chain((c) => fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: c, maxLength: c }), { minLength: r, maxLength: r })),
  );
  it('γ and τ-b change sign when the column order is reversed, ASEs unchanged', () => {
    fc.assert(
      fc.property(table, (t) => {
        const a = ordinalAssociation(t);
        const b = ordinalAssociation(t.map((row) => [...row].reverse()));
        if (Number.isNaN(a.gamma)) return Number.isNaN(b.gamma);
        expectClose(b.gamma, -a.gamma, 1e-12, 'gamma reversed');
        expectClose(b.kendallTauB, -a.kendallTauB, 1e-12, 'tau-b reversed');
        expectClose(b.gammaAse, a.gammaAse, 1e-9, 'gamma ASE reversed');
        expectClose(b.kendallTauBAse, a.kendallTauBAse, 1e-9, 'tau-b ASE reversed');
        return true;
      }),
      { seed: 3, numRuns: 300 },
    );
  });
  it('are symmetric in rows and columns and lie in [−1, 1]', () => {
    fc.assert(
      fc.property(table, (t) => {
        const a = ordinalAssociation(t);
        const transposed = t[0]!.map((_, j) => t.map((row) => row[j]!));
        const b = ordinalAssociation(transposed);
        if (Number.isNaN(a.gamma)) return Number.isNaN(b.gamma);
        expectClose(b.gamma, a.gamma, 1e-12, 'gamma transposed');
        expectClose(b.kendallTauB, a.kendallTauB, 1e-12, 'tau-b transposed');
        expectClose(b.kendallTauBAse, a.kendallTauBAse, 1e-9, 'tau-b ASE transposed');
        return Math.abs(a.gamma) <= 1 && Math.abs(a.kendallTauB) <= 1 + 1e-15 && Math.abs(a.kendallTauB) <= Math.abs(a.gamma) + 1e-15;
      }),
      { seed: 3, numRuns: 300 },
    );
  });
});
