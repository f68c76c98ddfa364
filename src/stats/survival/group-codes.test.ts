import { describe, expect, it } from 'vitest';
import { encodeGroups } from './group-codes.ts';

describe('encodeGroups', () => {
  it('codes labels in sorted order: numbers ascending, then strings by code unit', () => {
    const { codes, levels } = encodeGroups(['b', 10, 'B', 2, 'a', 10, 'é', '10', 1.5]);
    expect(levels).toEqual([1.5, 2, 10, '10', 'B', 'a', 'b', 'é']);
    expect(Array.from(codes)).toEqual([6, 2, 4, 1, 5, 2, 7, 3, 0]);
  });

  it('rejects labels that are not strings or finite numbers', () => {
    expect(() => encodeGroups(['a', NaN])).toThrow(/group\[1\]/);
    expect(() => encodeGroups([Infinity])).toThrow(/group\[0\]/);
    expect(() => encodeGroups([null as unknown as string])).toThrow(RangeError);
  });
});
