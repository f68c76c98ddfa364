import { describe, expect, it } from 'vitest';
import { auditSuppression } from './audit.js';
import { complementarySuppression } from './complementary.js';
import { primarySuppression } from './primary.js';
import { linkSystems, makeSystem, tableFromGrid, tableFromHierarchy, type TableSystem } from './system.js';

async function protect(system: TableSystem, cost: 'value' | 'count' = 'value') {
  const sensitive = primarySuppression(system);
  return { sensitive, pattern: await complementarySuppression(system, sensitive, { cost }) };
}

describe('complementarySuppression', () => {
  it('2×2 + margins with one small cell: suppresses the 4 interior cells; primary-only fails, the pattern passes', async () => {
    const system = tableFromGrid([[3, 40], [25, 60]], { table: 't', rows: ['a', 'b'], cols: ['x', 'y'] });
    const { sensitive, pattern } = await protect(system);
    expect((await auditSuppression(system, ['t:a|x'], sensitive)).pass).toBe(false);
    expect(pattern.suppressed).toEqual(['t:a|x', 't:a|y', 't:b|x', 't:b|y']);
    expect(pattern.secondary).toEqual(['t:a|y', 't:b|x', 't:b|y']);
    expect(pattern.audit.pass).toBe(true);
    // Row a total 43, column x total 28: a|x ∈ [0, 28], a|y = 43 − a|x, b|x = 28 − a|x, b|y = 57 + a|x.
    expect(pattern.audit.cells.map((c) => [c.id, c.lower, c.upper])).toEqual([
      ['t:a|x', 0, 28],
      ['t:a|y', 15, 43],
      ['t:b|x', 0, 28],
      ['t:b|y', 57, 85],
    ]);
    // Cost Σ value + count/(N+1) with N = 9 cells.
    expect(pattern.cost).toBeCloseTo(128 + 4 / 10, 9);
  });

  it('is optimal: brute force over all 2⁸ patterns of the 2×2 table finds no cheaper passing pattern', async () => {
    const system = tableFromGrid([[3, 12], [25, 8]], { table: 'b', rows: ['a', 'b'], cols: ['x', 'y'] });
    const { sensitive, pattern } = await protect(system);
    const ids = [...system.cells.keys()];
    const others = ids.filter((id) => !sensitive.some((s) => s.id === id));
    let best = Infinity;
    for (let mask = 0; mask < 1 << others.length; mask++) {
      const chosen = [...sensitive.map((s) => s.id), ...others.filter((_, i) => mask & (1 << i))];
      const value = chosen.reduce((s, id) => s + system.cells.get(id)!.value, 0);
      if (value >= best) continue;
      if ((await auditSuppression(system, chosen, sensitive)).pass) best = value;
    }
    const patternValue = pattern.suppressed.reduce((s, id) => s + system.cells.get(id)!.value, 0);
    expect(patternValue).toBe(best);
  }, 60_000);

  it('a cell whose row and column both need a partner (3×3, two small cells): every line with a suppression has at least two', async () => {
    const system = tableFromGrid(
      [
        [2, 50, 30],
        [40, 5, 60],
        [35, 70, 80],
      ],
      { table: 'g', rows: ['a', 'b', 'c'], cols: ['x', 'y', 'z'] },
    );
    const { sensitive, pattern } = await protect(system);
    expect(sensitive.map((s) => s.id)).toEqual(['g:a|x', 'g:b|y']);
    expect(pattern.audit.pass).toBe(true);
    const hidden = new Set(pattern.suppressed);
    for (const c of system.constraints) {
      const n = [c.total, ...c.parts].filter((id) => hidden.has(id)).length;
      expect(n === 0 || n >= 2, `constraint ${c.total} has ${n} suppressed`).toBe(true);
    }
    // The 4-cycle a|x a|y b|x b|y is not enough: b|y (5) could only fall by a|x's 2, so more cells are needed.
    expect(pattern.suppressed.length).toBeGreaterThan(4);
    for (const s of sensitive) {
      const cell = pattern.audit.cells.find((c) => c.id === s.id)!;
      expect(cell.lower).toBe(0);
      expect(cell.upper).toBeGreaterThanOrEqual(10);
    }
  });

  it("cost 'value' takes a 6-cycle of small cells (53); cost 'count' a 4-cycle with a large one (4 cells)", async () => {
    const system = tableFromGrid(
      [
        [3, 1000, 10],
        [1000, 10, 10],
        [10, 10, 1000],
      ],
      { table: 'c', rows: ['a', 'b', 'c'], cols: ['x', 'y', 'z'] },
    );
    const byValue = await protect(system, 'value');
    const byCount = await protect(system, 'count');
    expect(byValue.pattern.suppressed).toEqual(['c:a|x', 'c:a|z', 'c:b|y', 'c:b|z', 'c:c|x', 'c:c|y']);
    expect(byValue.pattern.audit.pass).toBe(true);
    expect(byCount.pattern.suppressed).toHaveLength(4);
    expect(byCount.pattern.audit.pass).toBe(true);
    expect(byCount.pattern.cost).toBe(4);
  });

  it('two-level hierarchy (countries → regions → world): a small country is paired with its cheapest sibling', async () => {
    const system = tableFromHierarchy('geo', {
      id: 'World',
      children: [
        { id: 'A', children: [{ id: 'A1', value: 4 }, { id: 'A2', value: 30 }, { id: 'A3', value: 25 }] },
        { id: 'B', children: [{ id: 'B1', value: 40 }, { id: 'B2', value: 22 }] },
      ],
    });
    const { pattern } = await protect(system);
    expect(pattern.suppressed).toEqual(['A1', 'A3']);
    // A1 + A3 = 59 − 30 = 29.
    expect(pattern.audit.cells.map((c) => [c.id, c.lower, c.upper])).toEqual([
      ['A1', 0, 29],
      ['A3', 0, 29],
    ]);
  });

  it('a small region total forces suppression up the hierarchy too', async () => {
    const system = tableFromHierarchy('geo', {
      id: 'World',
      children: [
        { id: 'A', children: [{ id: 'A1', value: 40 }, { id: 'A2', value: 30 }] },
        { id: 'B', children: [{ id: 'B1', value: 3 }, { id: 'B2', value: 2 }] },
        { id: 'C', children: [{ id: 'C1', value: 20 }, { id: 'C2', value: 25 }] },
      ],
    });
    const { sensitive, pattern } = await protect(system);
    expect(sensitive.map((s) => s.id)).toEqual(['B1', 'B2', 'B']);
    expect(pattern.audit.pass).toBe(true);
    // B (5) is derivable from World − A − C unless another region is suppressed with it.
    const hidden = new Set(pattern.suppressed);
    expect(['A', 'C', 'World'].some((id) => hidden.has(id))).toBe(true);
  });

  it('linked tables (the same region margin in two tables) are protected together', async () => {
    // sex × region and age × region share the region totals and the grand total (same ids).
    const ids = (prefix: string) => (r: string, c: string) => (r === 'Total' ? `region|${c}` : `${prefix}:${r}|${c}`);
    const sex = tableFromGrid([[4, 30], [26, 20]], { table: 'sex', rows: ['f', 'm'], cols: ['R1', 'R2'], ids: ids('sex') });
    const age = tableFromGrid([[12, 35], [18, 15]], { table: 'age', rows: ['young', 'old'], cols: ['R1', 'R2'], ids: ids('age') });
    const linked = linkSystems(sex, age);
    expect(linked.cells.size).toBe(9 + 9 - 3);
    expect(linked.cells.get('region|R1')!.tables).toEqual(['sex', 'age']);
    const { pattern } = await protect(linked);
    expect(pattern.audit.pass).toBe(true);
    expect(pattern.suppressed).toContain('sex:f|R1');
    // Auditing the sex table alone with its cells of the linked pattern passes too.
    const alone = await auditSuppression(sex, pattern.suppressed.filter((id) => sex.cells.has(id)), primarySuppression(sex));
    expect(alone.pass).toBe(true);
  });

  it('linked tables: protecting each table alone is not enough; protecting them linked is', async () => {
    // A hierarchy (World → A → {R1, R2}, R3) and a sex × region table sharing the region cells.
    const geo = tableFromHierarchy('geo', { id: 'reg|Total', children: [{ id: 'A', children: [{ id: 'reg|R1', value: 4 }, { id: 'reg|R2', value: 50 }] }, { id: 'reg|R3', value: 20 }] });
    const sex = tableFromGrid([[2, 30, 12], [2, 20, 8]], { table: 'sex', rows: ['f', 'm'], cols: ['R1', 'R2', 'R3'], ids: (r, c) => (r === 'Total' ? `reg|${c}` : `sex:${r}|${c}`) });
    const alone = [...(await protect(geo)).pattern.suppressed, ...(await protect(sex)).pattern.suppressed];
    // Alone, the hierarchy pairs R1 with its sibling R2 and the sex table pairs R1 with R3.
    expect(alone).toEqual(['reg|R1', 'reg|R2', 'sex:f|R1', 'sex:f|R3', 'sex:m|R1', 'sex:m|R3', 'reg|R1', 'reg|R3']);
    const linked = linkSystems(geo, sex);
    const union = await auditSuppression(linked, new Set(alone), primarySuppression(linked));
    // R2 is hidden in the hierarchy, but the sex table publishes f|R2 and m|R2, so R1 = A − (f|R2 + m|R2) = 4 exactly.
    expect(union.pass).toBe(false);
    expect(union.failures[0]).toMatchObject({ id: 'reg|R1', lower: 4, upper: 4 });
    const { pattern } = await protect(linked);
    expect(pattern.audit.pass).toBe(true);
    expect(pattern.suppressed).toEqual(['reg|R1', 'A', 'reg|R3', 'sex:f|R1', 'sex:f|R3', 'sex:m|R1', 'sex:m|R3']);
  });

  it('linked tables that disagree on a shared cell are refused', () => {
    const a = makeSystem([{ id: 'x', value: 3, tables: ['A'] }], []);
    const b = makeSystem([{ id: 'x', value: 4, tables: ['B'] }], []);
    expect(() => linkSystems(a, b)).toThrow(/cell x is 3 in table A but 4 in table B/);
  });

  it('no pattern exists when known upper bounds leave no room', async () => {
    const cells = [
      { id: 'a', value: 3, upperBound: 4 },
      { id: 'b', value: 20, upperBound: 21 },
      { id: 'T', value: 23 },
    ];
    const system = makeSystem(cells, [{ table: 'u', total: 'T', parts: ['a', 'b'] }]);
    await expect(complementarySuppression(system, primarySuppression(system))).rejects.toMatchObject({ code: 'VDX_DISCLOSURE_INFEASIBLE' });
  });

  it('is deterministic: the same tables give the same pattern', async () => {
    const system = tableFromGrid(
      [
        [4, 25, 31, 12, 50],
        [18, 2, 44, 27, 13],
        [60, 35, 7, 21, 16],
        [22, 19, 28, 1, 40],
      ],
      { table: 'w', rows: ['a', 'b', 'c', 'd'], cols: ['v', 'w', 'x', 'y', 'z'] },
    );
    const first = await protect(system);
    const second = await protect(system);
    expect(second.pattern.suppressed).toEqual(first.pattern.suppressed);
    expect(first.pattern.audit.pass).toBe(true);
  });

  it('constraint generation with batch 1 reaches a passing pattern', async () => {
    const system = tableFromGrid(
      [
        [2, 50, 30, 4],
        [40, 5, 60, 33],
        [35, 70, 1, 80],
      ],
      { table: 'k', rows: ['a', 'b', 'c'], cols: ['w', 'x', 'y', 'z'] },
    );
    const sensitive = primarySuppression(system);
    const pattern = await complementarySuppression(system, sensitive, { batch: 1 });
    expect(pattern.audit.pass).toBe(true);
    expect(pattern.rounds).toBeGreaterThanOrEqual(1);
    const full = await complementarySuppression(system, sensitive);
    expect(full.audit.pass).toBe(true);
    expect(full.rounds).toBe(1);
  });
});
