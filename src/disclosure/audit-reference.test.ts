import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditSuppression } from './audit.js';
import { primarySuppression } from './primary.js';
import { tableFromGrid } from './system.js';

/** Attacker intervals from an independent LP solver: lpSolve in R (scripts/reference/disclosure-audit.R). */
interface Fixture {
  readonly cases: readonly {
    readonly name: string;
    readonly table: string;
    readonly counts: number[][];
    readonly suppressed: string[];
    readonly intervals: { id: string; lower: number; upper: number | null }[];
  }[];
}
const fixture = JSON.parse(readFileSync(new URL('./fixtures/audit-lpsolve.json', import.meta.url), 'utf8')) as Fixture;

describe('auditSuppression agrees with lpSolve (R) exactly', () => {
  for (const c of fixture.cases) {
    it(c.name, async () => {
      const system = tableFromGrid(c.counts, { table: c.table, rows: c.counts.map((_, i) => `r${i}`), cols: c.counts[0]!.map((_, j) => `c${j}`) });
      const result = await auditSuppression(system, c.suppressed, primarySuppression(system));
      const actual = Object.fromEntries(result.cells.map((x) => [x.id, [x.lower, x.upper === Infinity ? null : x.upper]]));
      const expected = Object.fromEntries(c.intervals.map((x) => [x.id, [x.lower, x.upper]]));
      expect(actual).toEqual(expected);
    });
  }
});
