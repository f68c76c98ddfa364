import { describe, expect, it } from 'vitest';
import { canonicalFrame, frameHash } from './frame.ts';

describe('frameHash', () => {
  const ids = ['s3', 's1', 's2'];
  const strata = ['B', 'A', 'A'];

  it('is the SHA-256 of the canonical serialisation', () => {
    // sha256 of 'vindex-frame/1\n["s1",null]\n["s2",null]\n["s3",null]' (sha256sum of that text, pinned).
    expect(frameHash(ids)).toBe('a04a73f6125eed01aeb1436e78620452615c1bf0b23bc23915312db9a5d33bb5');
    expect(frameHash(ids)).toBe(frameHash(['s1', 's2', 's3']));
  });

  it('does not depend on input order', () => {
    expect(frameHash(ids, strata)).toBe(frameHash(['s1', 's2', 's3'], ['A', 'A', 'B']));
  });

  it('changes with an id, a stratum label, or the presence of strata', () => {
    const h = frameHash(ids, strata);
    expect(frameHash(['s3', 's1', 's4'], strata)).not.toBe(h);
    expect(frameHash(ids, ['A', 'A', 'A'])).not.toBe(h);
    expect(frameHash(ids)).not.toBe(h);
  });

  it('refuses empty frames, duplicates and mismatched strata', () => {
    expect(() => frameHash([])).toThrow(RangeError);
    expect(() => frameHash(['a', 'a'])).toThrow(/duplicate unit id/);
    expect(() => frameHash(['a', 'b'], ['X'])).toThrow(/2 ids but 1 stratum labels/);
  });

  it('canonicalFrame sorts by code unit, not locale', () => {
    expect(canonicalFrame({ ids: ['b', 'B', 'a', '10', '9'] }).ids).toEqual(['10', '9', 'B', 'a', 'b']);
  });
});
