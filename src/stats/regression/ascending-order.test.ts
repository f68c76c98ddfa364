import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascendingOrder } from './ascending-order.ts';

describe('ascendingOrder', () => {
  it('is the stable ascending order (fast-check against Array.prototype.sort)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.double({ noNaN: true }), fc.integer({ min: -3, max: 3 }), fc.constantFrom(0, -0, 1e-300, -1e-300)), { maxLength: 300 }), (values) => {
        const expected = values.map((v, i) => [v, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1])).map(([, i]) => i);
        expect(Array.from(ascendingOrder(values))).toEqual(expected);
      }),
      { seed: 7, numRuns: 300 },
    );
  });

  it('handles the empty input and infinities', () => {
    expect(Array.from(ascendingOrder([]))).toEqual([]);
    expect(Array.from(ascendingOrder([Infinity, -Infinity, 0, 5]))).toEqual([1, 2, 3, 0]);
  });
});
