import { describe, expect, it } from 'vitest';
import { finiteOrNull } from './json.ts';

describe('finiteOrNull', () => {
  it('replaces NaN and ±Infinity by null at every depth and keeps everything else', () => {
    const value = { a: NaN, b: [1, Infinity, -Infinity, { c: NaN, d: 0 }], e: 'x', f: null, g: true, h: { i: -2.5 } };
    expect(finiteOrNull(value)).toEqual({ a: null, b: [1, null, null, { c: null, d: 0 }], e: 'x', f: null, g: true, h: { i: -2.5 } });
    expect(JSON.parse(JSON.stringify(value))).toEqual(finiteOrNull(value));
    expect(finiteOrNull(NaN)).toBeNull();
    expect(finiteOrNull(3)).toBe(3);
  });
});
