import { describe, expect, it } from 'vitest';
import { linkSystems, makeSystem, tableFromGrid, tableFromHierarchy } from './system.js';

describe('tables as linear systems', () => {
  it('a 2×3 grid has 6 interior cells, 2 row totals, 3 column totals, a grand total and 7 constraints', () => {
    const s = tableFromGrid([[1, 2, 3], [4, 5, 6]], { table: 'g', rows: ['a', 'b'], cols: ['x', 'y', 'z'] });
    expect(s.cells.size).toBe(12);
    expect(s.constraints).toHaveLength(2 + 3 + 2);
    expect(s.cells.get('g:a|Total')!.value).toBe(6);
    expect(s.cells.get('g:Total|z')!.value).toBe(9);
    expect(s.cells.get('g:Total|Total')!.value).toBe(21);
    expect(s.constraints).toContainEqual({ table: 'g', total: 'g:Total|y', parts: ['g:a|y', 'g:b|y'] });
  });

  it('a 1-row grid has one constraint', () => {
    const s = tableFromGrid([[1, 2]], { table: 'o', rows: ['n'], cols: ['x', 'y'] });
    expect(s.constraints).toEqual([{ table: 'o', total: 'o:n|Total', parts: ['o:n|x', 'o:n|y'] }]);
  });

  it('a hierarchy adds one constraint per inner node', () => {
    const s = tableFromHierarchy('h', { id: 'W', children: [{ id: 'A', children: [{ id: 'A1', value: 2 }, { id: 'A2', value: 3 }] }, { id: 'B1', value: 7 }] });
    expect(s.cells.get('W')!.value).toBe(12);
    expect(s.constraints).toEqual([
      { table: 'h', total: 'A', parts: ['A1', 'A2'] },
      { table: 'h', total: 'W', parts: ['A', 'B1'] },
    ]);
  });

  it('linking merges shared ids and drops duplicate constraints', () => {
    const a = tableFromGrid([[1, 2]], { table: 'a', rows: ['n'], cols: ['x', 'y'], ids: (r, c) => `${r}.${c}` });
    const b = tableFromGrid([[1, 2]], { table: 'b', rows: ['n'], cols: ['x', 'y'], ids: (r, c) => `${r}.${c}` });
    const l = linkSystems(a, b);
    expect(l.cells.size).toBe(3);
    expect(l.constraints).toHaveLength(1);
    expect(l.cells.get('n.x')!.tables).toEqual(['a', 'b']);
  });

  it('refuses negative or fractional counts, unknown cells, and totals that do not add up', () => {
    expect(() => tableFromGrid([[1, -2]], { table: 'n', rows: ['r'], cols: ['x', 'y'] })).toThrow(/table n, cell n:r\|y: count -2 is not a non-negative whole number/);
    expect(() => makeSystem([{ id: 'a', value: 1.5 }], [])).toThrow(/count 1.5/);
    expect(() => makeSystem([{ id: 'a', value: 1 }], [{ table: 't', total: 'T', parts: ['a'] }])).toThrow(/names unknown cell T/);
    expect(() =>
      makeSystem(
        [
          { id: 'a', value: 1 },
          { id: 'T', value: 3 },
        ],
        [{ table: 't', total: 'T', parts: ['a'] }],
      ),
    ).toThrow(/total T = 3 but its parts \(a\) add up to 1/);
    expect(() => makeSystem([{ id: 'a b', value: 1 }], [])).toThrow(/cell id "a b"/);
    expect(() => makeSystem([{ id: 'a', value: 10, contributions: [4, 5] }], [])).toThrow(/contributions add up to 9, not the cell value 10/);
    expect(() => tableFromGrid([[1]], { table: 'x', rows: ['Total'], cols: ['c'] })).toThrow(/total label/);
  });
});
