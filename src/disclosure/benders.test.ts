import { describe, expect, it } from 'vitest';
import { SamplingRandom } from '../sampling/seeded-random.js';
import { auditSuppression } from './audit.js';
import { bendersSuppression, type CapacityCut } from './benders.js';
import { complementarySuppression } from './complementary.js';
import { primarySuppression } from './primary.js';
import { linkSystems, makeSystem, tableFromGrid, tableFromHierarchy, type TableSystem } from './system.js';

/** A seeded rows × cols table, about 20 % of interior cells below the threshold 10 (and `zeros` % zeros). */
function randomGrid(rows: number, cols: number, seed: number, table = 'g', zeros = 0): TableSystem {
  const rng = new SamplingRandom(seed);
  const draw = (): number => {
    const u = rng.int(100);
    return u < zeros ? 0 : u < zeros + 20 ? 1 + rng.int(9) : 10 + rng.int(90);
  };
  const counts = Array.from({ length: rows }, () => Array.from({ length: cols }, draw));
  return tableFromGrid(counts, { table, rows: counts.map((_, i) => `r${i}`), cols: counts[0]!.map((_, j) => `c${j}`) });
}

/** World → 2 regions → 3 countries each, linked with a sex × country grid whose margins are the country cells and World. */
function hierarchyWithGrid(seed: number): TableSystem {
  const rng = new SamplingRandom(seed);
  const countries = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3'];
  const counts = [0, 1].map(() => countries.map(() => (rng.int(100) < 25 ? 1 + rng.int(9) : 10 + rng.int(60))));
  const grid = tableFromGrid(counts, {
    table: 'sex',
    rows: ['f', 'm'],
    cols: countries,
    ids: (r, c) => (r === 'Total' ? (c === 'Total' ? 'World' : c) : `sex:${r}|${c}`),
  });
  const leaf = (id: string) => ({ id, value: grid.cells.get(id)!.value });
  const geo = tableFromHierarchy('geo', {
    id: 'World',
    children: [
      { id: 'A', children: ['A1', 'A2', 'A3'].map(leaf) },
      { id: 'B', children: ['B1', 'B2', 'B3'].map(leaf) },
    ],
  });
  return linkSystems(geo, grid);
}

const cases: [string, () => TableSystem][] = [
  ...[1, 2, 3].map((seed): [string, () => TableSystem] => [`4×5 grid, seed ${seed}`, () => randomGrid(4, 5, 4500 + seed)]),
  ...[1, 2].map((seed): [string, () => TableSystem] => [`6×8 grid, seed ${seed}`, () => randomGrid(6, 8, 6800 + seed)]),
  ...[1, 2, 3].map((seed): [string, () => TableSystem] => [`2-level hierarchy linked with a sex × country grid, seed ${seed}`, () => hierarchyWithGrid(700 + seed)]),
];

describe('Benders decomposition (Fischetti & Salazar-González 2001)', () => {
  for (const [name, build] of cases) {
    it(`finds the witness-MIP optimum: ${name}`, async () => {
      const system = build();
      const sensitive = primarySuppression(system);
      expect(sensitive.length).toBeGreaterThan(0);
      for (const cost of ['value', 'count'] as const) {
        const witness = await complementarySuppression(system, sensitive, { method: 'witness', cost });
        const benders = await complementarySuppression(system, sensitive, { method: 'benders', cost });
        expect(benders.audit.pass).toBe(true);
        expect(benders.proven).toBe(true);
        expect(benders.cost).toBeCloseTo(witness.cost, 9);
      }
    }, 60_000);
  }

  it('every cut is valid: violated by the pattern it was separated from, satisfied by the final (passing) pattern', async () => {
    for (const system of [randomGrid(6, 8, 6801), hierarchyWithGrid(701), hierarchyWithGrid(703)]) {
      const sensitive = primarySuppression(system);
      const cuts: CapacityCut[] = [];
      const result = await bendersSuppression(system, sensitive, { cost: 'value', onCut: (c) => cuts.push(c) });
      expect((await auditSuppression(system, result.suppressed, sensitive)).pass).toBe(true);
      expect(cuts.length).toBeGreaterThan(0);
      const lhs = (cut: CapacityCut, pattern: readonly string[]) => pattern.reduce((sum, id) => sum + (cut.coefs.get(id) ?? 0), 0);
      for (const cut of cuts) {
        expect(lhs(cut, cut.from), `cut for ${cut.cell} ${cut.direction} at its own pattern`).toBeLessThan(cut.rhs - 1e-6);
        expect(lhs(cut, result.suppressed), `cut for ${cut.cell} ${cut.direction} at the final pattern`).toBeGreaterThanOrEqual(cut.rhs - 1e-6);
        for (const c of cut.coefs.values()) expect(c).toBeLessThanOrEqual(cut.rhs);
      }
    }
  }, 60_000);

  it('the classic cases give the same optimum as the witness MIP', async () => {
    const systems = [
      tableFromGrid([[3, 40], [25, 60]], { table: 't', rows: ['a', 'b'], cols: ['x', 'y'] }),
      tableFromGrid([[3, 1000, 10], [1000, 10, 10], [10, 10, 1000]], { table: 'c', rows: ['a', 'b', 'c'], cols: ['x', 'y', 'z'] }),
      tableFromHierarchy('geo', {
        id: 'World',
        children: [
          { id: 'A', children: [{ id: 'A1', value: 40 }, { id: 'A2', value: 30 }] },
          { id: 'B', children: [{ id: 'B1', value: 3 }, { id: 'B2', value: 2 }] },
          { id: 'C', children: [{ id: 'C1', value: 20 }, { id: 'C2', value: 25 }] },
        ],
      }),
    ];
    for (const system of systems) {
      const sensitive = primarySuppression(system);
      const b = await complementarySuppression(system, sensitive, { method: 'benders' });
      const w = await complementarySuppression(system, sensitive, { method: 'witness' });
      expect(b.audit.pass).toBe(true);
      expect(b.cost).toBeCloseTo(w.cost, 9);
    }
  });

  it('protected zeros and known upper bounds (finite U_j in the cuts): the same optimum as the witness MIP, or both infeasible', async () => {
    const outcome = async (p: Promise<{ cost: number; audit: { pass: boolean } }>) =>
      p.then(
        (r) => (expect(r.audit.pass).toBe(true), Math.round(r.cost * 1e9) / 1e9),
        (e: { code?: string }) => e.code,
      );
    const seen = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const grid = randomGrid(4, 5, 9100 + seed, 'z', 20);
      const rng = new SamplingRandom(seed);
      const cells = [...grid.cells.values()].map((c, k) => ({ ...c, ...(k % 2 === 0 ? { upperBound: c.value + 5 + rng.int(30) } : {}) }));
      const system = makeSystem(cells, grid.constraints);
      const sensitive = primarySuppression(system, { protectZeros: true });
      expect(sensitive.some((c) => c.value === 0)).toBe(true);
      const witness = await outcome(complementarySuppression(system, sensitive, { method: 'witness' }));
      const benders = await outcome(complementarySuppression(system, sensitive, { method: 'benders' }));
      expect(benders).toEqual(witness);
      seen.add(typeof benders === 'number' ? 'solved' : String(benders));
    }
    // Both outcomes occur among these seeds: some bounds leave room, some do not.
    expect([...seen].sort()).toEqual(['VDX_DISCLOSURE_INFEASIBLE', 'solved']);
  }, 60_000);

  it('known upper bounds that leave no room: the master becomes infeasible', async () => {
    const system = makeSystem(
      [
        { id: 'a', value: 3, upperBound: 4 },
        { id: 'b', value: 20, upperBound: 21 },
        { id: 'T', value: 23 },
      ],
      [{ table: 'u', total: 'T', parts: ['a', 'b'] }],
    );
    await expect(complementarySuppression(system, primarySuppression(system), { method: 'benders' })).rejects.toMatchObject({ code: 'VDX_DISCLOSURE_INFEASIBLE' });
  });

  it("'auto' uses Benders from WITNESS_MAX_CELLS cells: a 12×12 grid passes its full audit", async () => {
    const system = randomGrid(12, 12, 1212);
    const sensitive = primarySuppression(system);
    const pattern = await complementarySuppression(system, sensitive);
    expect(pattern.audit.pass).toBe(true);
    // The returned audit is the full one: every suppressed cell, not only the sensitive ones.
    expect(pattern.audit.cells.map((c) => c.id)).toEqual(pattern.suppressed);
    expect(pattern.proven).toBe(true);
  }, 60_000);
});

describe('Benders past its round budget (LP-rounded greedy cover of the cuts)', () => {
  it('still returns a pattern that passes the full audit, marked unproven, never cheaper than the optimum', async () => {
    for (const [rows, cols, seed] of [[6, 8, 6801], [10, 12, 1012], [20, 6, 2006]] as const) {
      const system = randomGrid(rows, cols, seed);
      const sensitive = primarySuppression(system);
      const exact = await complementarySuppression(system, sensitive, { method: 'benders' });
      const greedy = await complementarySuppression(system, sensitive, { method: 'benders', maxRounds: 0 });
      expect(greedy.audit.pass).toBe(true);
      expect(greedy.proven).toBe(false);
      expect(greedy.cost).toBeGreaterThanOrEqual(exact.cost - 1e-9);
      // Every sensitive cell is suppressed, and the full audit agrees on the returned pattern.
      expect(sensitive.every((s) => greedy.suppressed.includes(s.id))).toBe(true);
      expect((await auditSuppression(system, greedy.suppressed, sensitive)).pass).toBe(true);
    }
  });

  it('gives the same pattern on every run (a round count, not a clock, ends the exact phase)', async () => {
    const system = randomGrid(10, 12, 1012);
    const sensitive = primarySuppression(system);
    const a = await complementarySuppression(system, sensitive, { method: 'benders', maxRounds: 2 });
    const b = await complementarySuppression(system, sensitive, { method: 'benders', maxRounds: 2 });
    expect(b.suppressed).toEqual(a.suppressed);
  });
});
