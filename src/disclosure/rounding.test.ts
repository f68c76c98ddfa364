import { describe, expect, it } from 'vitest';
import { controlledRounding } from './rounding.js';
import { makeSystem, tableFromGrid, tableFromHierarchy, type TableSystem } from './system.js';

function expectControlled(system: TableSystem, values: ReadonlyMap<string, number>, base: number): void {
  for (const [id, cell] of system.cells) {
    const r = values.get(id)!;
    expect(r % base, `${id} → ${r} is a multiple of ${base}`).toBe(0);
    if (cell.value % base === 0) expect(r, `${id} is already a multiple`).toBe(cell.value);
    else expect([Math.floor(cell.value / base) * base, Math.ceil(cell.value / base) * base], `${id} = ${cell.value} → ${r}`).toContain(r);
  }
  for (const c of system.constraints) {
    expect(values.get(c.total), `${c.total} = Σ parts`).toBe(c.parts.reduce((s, p) => s + values.get(p)!, 0));
  }
}

describe('controlledRounding (zero-restricted, Cox 1987)', () => {
  it('rounds a 3×4 table with margins to adjacent multiples of 5 and keeps every total additive', async () => {
    const system = tableFromGrid(
      [
        [3, 17, 0, 22],
        [8, 11, 40, 6],
        [14, 2, 9, 33],
      ],
      { table: 'r', rows: ['a', 'b', 'c'], cols: ['w', 'x', 'y', 'z'] },
    );
    const result = await controlledRounding(system);
    expect(result.base).toBe(5);
    expectControlled(system, result.values, 5);
    expect(result.values.get('r:a|y')).toBe(0);
    expect(result.values.get('r:b|y')).toBe(40);
    const change = [...system.cells.values()].reduce((s, c) => s + Math.abs(result.values.get(c.id)! - c.value), 0);
    expect(result.totalChange).toBe(change);
  });

  it('a 1-row table: 7 + 8 = 15 rounds to 5 + 10 or 10 + 5, the total stays 15 and the least change wins', async () => {
    const system = tableFromGrid([[7, 8]], { table: 'o', rows: ['n'], cols: ['x', 'y'] });
    const { values, totalChange } = await controlledRounding(system);
    expect(values.get('o:n|Total')).toBe(15);
    expect(values.get('o:n|x')! + values.get('o:n|y')!).toBe(15);
    // 7 → 5, 8 → 10 changes 2 + 2 = 4; 7 → 10, 8 → 5 changes 3 + 3 = 6: the least change wins.
    expect(totalChange).toBe(4);
    expect([values.get('o:n|x'), values.get('o:n|y')]).toEqual([5, 10]);
  });

  it('works on a hierarchy with base 3', async () => {
    const system = tableFromHierarchy('h', {
      id: 'W',
      children: [
        { id: 'A', children: [{ id: 'A1', value: 4 }, { id: 'A2', value: 7 }] },
        { id: 'B', children: [{ id: 'B1', value: 1 }, { id: 'B2', value: 13 }, { id: 'B3', value: 6 }] },
      ],
    });
    const { values } = await controlledRounding(system, 3);
    expectControlled(system, values, 3);
  });

  it('says so when no controlled rounding exists (three overlapping totals, base 2)', async () => {
    // T = a + b = a + c = b + c with a = b = c = 1, T = 2: rounded a, b, c ∈ {0, 2}, T stays 2,
    // so a = b = c and 2 = 2a forces a = 1 — impossible.
    const system = makeSystem(
      [
        { id: 'a', value: 1 },
        { id: 'b', value: 1 },
        { id: 'c', value: 1 },
        { id: 'T', value: 2 },
      ],
      [
        { table: 'x', total: 'T', parts: ['a', 'b'] },
        { table: 'x', total: 'T', parts: ['a', 'c'] },
        { table: 'x', total: 'T', parts: ['b', 'c'] },
      ],
    );
    await expect(controlledRounding(system, 2)).rejects.toMatchObject({ code: 'VDX_DISCLOSURE_INFEASIBLE', message: expect.stringMatching(/no zero-restricted controlled rounding to base 2/) as unknown });
  });

  it('refuses a base below 2', async () => {
    const system = tableFromGrid([[7, 8]], { table: 'o', rows: ['n'], cols: ['x', 'y'] });
    await expect(controlledRounding(system, 1)).rejects.toMatchObject({ code: 'VDX_DISCLOSURE_TABLE' });
  });
});
