import { describe, expect, it } from 'vitest';
import { complementarySuppression } from './complementary.js';
import { splitComponents } from './components.js';
import { primarySuppression } from './primary.js';
import { linkSystems, makeSystem, tableFromGrid } from './system.js';

describe('splitComponents', () => {
  it('keeps a connected table whole and splits unlinked tables and loose cells', () => {
    const a = tableFromGrid([[3, 40], [25, 60]], { table: 'a', rows: ['r', 's'], cols: ['x', 'y'] });
    const b = tableFromGrid([[12, 5]], { table: 'b', rows: ['r'], cols: ['x', 'y'] });
    const loose = makeSystem([{ id: 'alone', value: 4 }], []);
    expect(splitComponents(a)).toEqual([a]);
    const parts = splitComponents(linkSystems(a, b, loose));
    expect(parts.map((p) => [...p.cells.keys()].length)).toEqual([9, 3, 1]);
    expect(parts[1]!.constraints).toEqual(b.constraints);
  });

  it('two unlinked tables get the same pattern together as apart', async () => {
    const a = tableFromGrid([[3, 40], [25, 60]], { table: 'a', rows: ['r', 's'], cols: ['x', 'y'] });
    const b = tableFromGrid([[12, 5, 30]], { table: 'b', rows: ['r'], cols: ['x', 'y', 'z'] });
    const both = linkSystems(a, b);
    const together = await complementarySuppression(both, primarySuppression(both));
    const apartA = await complementarySuppression(a, primarySuppression(a));
    const apartB = await complementarySuppression(b, primarySuppression(b));
    expect(together.suppressed).toEqual([...apartA.suppressed, ...apartB.suppressed]);
    expect(apartB.suppressed).toEqual(['b:r|x', 'b:r|y']);
    expect(together.audit.pass).toBe(true);
    expect(together.cost).toBeCloseTo(apartA.cost + apartB.cost, 9);
  });
});
