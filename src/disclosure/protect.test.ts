import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditSuppression } from './audit.js';
import { assertNoSmallCounts } from './guarantee.js';
import { primarySuppression } from './primary.js';
import { protectTables } from './protect.js';
import { linkSystems, tableFromGrid, tableFromHierarchy } from './system.js';

const grid = (counts: number[][], table = 't') =>
  tableFromGrid(counts, { table, rows: counts.map((_, i) => `r${i}`), cols: counts[0]!.map((_, j) => `c${j}`) });

describe('protectTables', () => {
  it('suppression: statuses, null for hidden values, the audit and the method record', async () => {
    const result = await protectTables(grid([[3, 40], [25, 60]]));
    const byId = Object.fromEntries(result.cells.map((c) => [c.id, c]));
    expect(byId['t:r0|c0']).toEqual({ id: 't:r0|c0', value: null, status: 'primary', reasons: ['frequency'], tables: ['t'] });
    expect(byId['t:r1|c1']).toEqual({ id: 't:r1|c1', value: null, status: 'secondary', tables: ['t'] });
    expect(byId['t:r0|Total']).toEqual({ id: 't:r0|Total', value: 43, status: 'published', tables: ['t'] });
    expect(result.audit?.pass).toBe(true);
    expect(result.record).toMatchObject({ method: 'suppression', rules: { threshold: 10, protectZeros: false, dominance: null, pPercent: null }, cost: 'value', rounds: 1, proven: true, primaryCells: 1, secondaryCells: 3 });
  });

  it('linked tables given as an array are protected as one system', async () => {
    const ids = (p: string) => (r: string, c: string) => (r === 'Total' ? `m|${c}` : `${p}:${r}|${c}`);
    const a = tableFromGrid([[4, 30], [26, 20]], { table: 'a', rows: ['x', 'y'], cols: ['R1', 'R2'], ids: ids('a') });
    const b = tableFromGrid([[12, 35], [18, 15]], { table: 'b', rows: ['u', 'v'], cols: ['R1', 'R2'], ids: ids('b') });
    const result = await protectTables([a, b]);
    expect(result.cells).toHaveLength(15);
    expect(result.audit?.pass).toBe(true);
  });

  it('rounding: every cell rounded, the record carries base and total change', async () => {
    const result = await protectTables(grid([[3, 17], [8, 11]]), { method: 'rounding' });
    expect(result.cells.every((c) => c.status === 'rounded' && c.value! % 5 === 0)).toBe(true);
    expect(result.record).toMatchObject({ method: 'rounding', base: 5 });
    expect(result.audit).toBeNull();
  });

  it('noise: every cell noised, the budget recorded; it needs ε and a seed', async () => {
    const result = await protectTables(grid([[3, 17], [8, 11]]), { method: 'noise', epsilon: 1, seed: 5 });
    expect(result.cells.every((c) => c.status === 'noised' && Number.isInteger(c.value) && c.value! >= 0)).toBe(true);
    expect(result.record).toEqual({ method: 'noise', budget: { mechanism: 'two-sided-geometric', sensitivity: 1, epsilonPerCell: 1, cells: 9, totalEpsilon: 9, prng: 'mt19937', seed: 5 } });
    await expect(protectTables(grid([[3, 17]]), { method: 'noise' })).rejects.toMatchObject({ code: 'VDX_DISCLOSURE_TABLE' });
  });

  it('protectZeros suppresses zeros too', async () => {
    const result = await protectTables(grid([[0, 40], [25, 60]]), { rules: { protectZeros: true } });
    expect(result.cells.find((c) => c.id === 't:r0|c0')!.status).toBe('primary');
    expect(result.audit?.pass).toBe(true);
  });

  it('a hierarchy with a dominance rule', async () => {
    const system = tableFromHierarchy('h', {
      id: 'W',
      children: [
        { id: 'A', value: 100, children: undefined },
        { id: 'B', value: 50, children: undefined },
        { id: 'C', value: 60, children: undefined },
      ],
    });
    const cells = [...system.cells.values()].map((c) => (c.id === 'A' ? { ...c, contributions: [90, 10] } : c));
    const { makeSystem } = await import('./system.js');
    const result = await protectTables(makeSystem(cells, system.constraints), { rules: { dominance: { n: 1, k: 80 } } });
    expect(result.cells.find((c) => c.id === 'A')).toMatchObject({ status: 'primary', reasons: ['dominance'] });
    // (1,80): protection ⌈100·90/80 − 100⌉ = 13 either side; B (50) is the cheaper partner.
    expect(result.cells.find((c) => c.id === 'B')!.status).toBe('secondary');
    expect(result.audit?.cells.find((c) => c.id === 'A')).toMatchObject({ lower: 0, upper: 150, required: { lower: 87, upper: 113 } });
  });

  it('property: on random small tables the audit passes and no published count is in (0, threshold)', async () => {
    const tables = fc
      .tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 2, max: 3 }))
      .chain(([r, c]) => fc.array(fc.array(fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 10, max: 60 })), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
    await fc.assert(
      fc.asyncProperty(tables, fc.boolean(), async (counts, protectZeros) => {
        const system = grid(counts);
        const result = await protectTables(system, { rules: { threshold: 10, protectZeros } });
        expect(result.audit?.pass).toBe(true);
        assertNoSmallCounts(result.cells, 10, { allowZero: !protectZeros });
        // An independent audit of the published pattern agrees.
        const hidden = result.cells.filter((c) => c.value === null).map((c) => c.id);
        const audit = await auditSuppression(system, hidden, primarySuppression(system, { protectZeros }));
        expect(audit.pass).toBe(true);
        for (const c of result.cells) if (c.value !== null) expect(c.value).toBe(system.cells.get(c.id)!.value);
      }),
      { numRuns: 25, seed: 20261129 },
    );
  }, 120_000);

  it('property: linked tables (sex × region grid + a region hierarchy sharing the region cells) pass the audit', async () => {
    const count = fc.oneof(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 10, max: 80 }));
    const input = fc.integer({ min: 3, max: 4 }).chain((regions) => fc.tuple(fc.array(fc.array(count, { minLength: regions, maxLength: regions }), { minLength: 2, maxLength: 2 }), fc.integer({ min: 1, max: regions - 1 })));
    await fc.assert(
      fc.asyncProperty(input, async ([counts, split]) => {
        const regions = counts[0]!.map((_, j) => `R${j}`);
        const sex = tableFromGrid(counts, { table: 'sex', rows: ['f', 'm'], cols: regions, ids: (r, c) => (r === 'Total' ? `reg|${c}` : `sex:${r}|${c}`) });
        const leaf = (j: number) => ({ id: `reg|R${j}`, value: counts[0]![j]! + counts[1]![j]! });
        const geo = tableFromHierarchy('geo', {
          id: 'reg|Total',
          children: [
            { id: 'G1', children: regions.slice(0, split).map((_, j) => leaf(j)) },
            { id: 'G2', children: regions.slice(split).map((_, j) => leaf(split + j)) },
          ],
        });
        const linked = linkSystems(sex, geo);
        const result = await protectTables([sex, geo]);
        expect(result.audit?.pass).toBe(true);
        assertNoSmallCounts(result.cells, 10);
        const hidden = result.cells.filter((c) => c.value === null).map((c) => c.id);
        expect((await auditSuppression(linked, hidden, primarySuppression(linked))).pass).toBe(true);
      }),
      { numRuns: 15, seed: 5 },
    );
  }, 180_000);
});
