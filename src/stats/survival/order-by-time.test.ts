import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderByTime } from './order-by-time.ts';

function expectSortedPermutation(time: ArrayLike<number>, order: Uint32Array): void {
  expect(order.length).toBe(time.length);
  const seen = new Uint8Array(time.length);
  for (const i of order) seen[i]++;
  expect(seen.every((c) => c === 1)).toBe(true);
  for (let i = 1; i < order.length; i++) {
    if (!(time[order[i - 1]] <= time[order[i]])) expect.fail(`out of order at ${i}: ${time[order[i - 1]]} > ${time[order[i]]}`);
  }
}

describe('orderByTime', () => {
  it('orders small inputs (comparison sort)', () => {
    const time = [3, 0, 2.5, 0, -0, 1e300, 5e-324, 2];
    expectSortedPermutation(time, orderByTime(time));
  });

  it('orders large inputs (radix sort) of every kind of non-negative double', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 1e300, noNaN: true }), fc.integer({ min: 0, max: 50 }), fc.constantFrom(0, -0, 5e-324, 1.5, 2 ** 40)), {
          minLength: 4096,
          maxLength: 6000,
        }),
        (time) => expectSortedPermutation(time, orderByTime(time)),
      ),
      { numRuns: 20 },
    );
  });

  it('orders integer-valued times, whose low words all agree (skipped radix passes)', () => {
    const time = Float64Array.from({ length: 10_000 }, (_, i) => (i * 7919) % 3650);
    expectSortedPermutation(time, orderByTime(time));
  });

  it('handles empty and single inputs', () => {
    expect(Array.from(orderByTime([]))).toEqual([]);
    expect(Array.from(orderByTime([4]))).toEqual([0]);
  });
});
