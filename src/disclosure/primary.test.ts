import { describe, expect, it } from 'vitest';
import { cellSensitivity, primarySuppression } from './primary.js';
import { tableFromGrid } from './system.js';

describe('primary suppression rules', () => {
  it('minimum frequency: 0 < n < 10 is sensitive with protection [0, 10]; 10 and 0 are not', () => {
    expect(cellSensitivity({ id: 'a', value: 1 })).toEqual({ id: 'a', value: 1, reasons: ['frequency'], lowerProtection: 1, upperProtection: 9 });
    expect(cellSensitivity({ id: 'a', value: 9 })).toMatchObject({ lowerProtection: 9, upperProtection: 1 });
    expect(cellSensitivity({ id: 'a', value: 10 })).toBeUndefined();
    expect(cellSensitivity({ id: 'a', value: 0 })).toBeUndefined();
  });

  it('threshold is configurable', () => {
    expect(cellSensitivity({ id: 'a', value: 4 }, { threshold: 5 })).toMatchObject({ lowerProtection: 4, upperProtection: 1 });
    expect(cellSensitivity({ id: 'a', value: 5 }, { threshold: 5 })).toBeUndefined();
    expect(() => cellSensitivity({ id: 'a', value: 5 }, { threshold: 0 })).toThrow(/threshold must be a whole number ≥ 1/);
  });

  it('protectZeros makes a zero sensitive with upper protection = threshold', () => {
    expect(cellSensitivity({ id: 'z', value: 0 }, { protectZeros: true })).toEqual({ id: 'z', value: 0, reasons: ['zero'], lowerProtection: 0, upperProtection: 10 });
  });

  it('(1,75)-dominance: 80 of 100 from one contributor; protection ⌈100·80/75 − 100⌉ = 7', () => {
    const cell = { id: 'd', value: 100, contributions: [10, 80, 10] };
    expect(cellSensitivity(cell, { dominance: { n: 1, k: 75 } })).toEqual({ id: 'd', value: 100, reasons: ['dominance'], lowerProtection: 7, upperProtection: 7 });
    expect(cellSensitivity({ ...cell, contributions: [70, 20, 10] }, { dominance: { n: 1, k: 75 } })).toBeUndefined();
  });

  it('(2,85)-dominance sums the two largest', () => {
    // 60 + 30 = 90 > 85: protection ⌈100·90/85 − 100⌉ = ⌈5.88⌉ = 6.
    expect(cellSensitivity({ id: 'd', value: 100, contributions: [60, 30, 5, 5] }, { dominance: { n: 2, k: 85 } })).toMatchObject({ upperProtection: 6 });
  });

  it('p% rule (p = 10): 90, 6, 4 → remainder 4 < 9, protection ⌈9 − 4⌉ = 5; 80, 10, 10 → 10 ≥ 8 safe', () => {
    expect(cellSensitivity({ id: 'p', value: 100, contributions: [6, 90, 4] }, { pPercent: { p: 10 } })).toEqual({ id: 'p', value: 100, reasons: ['p-percent'], lowerProtection: 5, upperProtection: 5 });
    expect(cellSensitivity({ id: 'p', value: 100, contributions: [80, 10, 10] }, { pPercent: { p: 10 } })).toBeUndefined();
  });

  it('the widest protection wins when rules combine', () => {
    const s = cellSensitivity({ id: 'c', value: 5, contributions: [5] }, { pPercent: { p: 50 }, dominance: { n: 1, k: 90 } });
    // frequency: [0, 10] → lower 5, upper 5; p%: ⌈2.5⌉ = 3; dominance: ⌈100·5/90 − 5⌉ = 1.
    expect(s).toEqual({ id: 'c', value: 5, reasons: ['frequency', 'dominance', 'p-percent'], lowerProtection: 5, upperProtection: 5 });
  });

  it('finds the sensitive cells of a table, margins included', () => {
    const system = tableFromGrid([[3, 4], [25, 60]], { table: 't', rows: ['a', 'b'], cols: ['x', 'y'] });
    expect(primarySuppression(system).map((s) => s.id)).toEqual(['t:a|x', 't:a|y', 't:a|Total']);
  });
});
