import { VindexError } from '../errors.js';

/**
 * Shares derived from protected counts only: a share whose numerator or denominator is
 * suppressed is itself suppressed, since publishing it would let an attacker recover the hidden
 * count (Hundepool et al. 2012, §4.4: derived statistics inherit the pattern).
 */

export interface ShareDefinition {
  readonly id: string;
  readonly numerator: string;
  readonly denominator: string;
}

export interface ProtectedShare {
  readonly id: string;
  /** numerator / denominator of the published counts; null when suppressed or the denominator is 0. */
  readonly value: number | null;
  readonly status: 'published' | 'suppressed' | 'empty';
}

/** `published` maps cell id → published count, null for a suppressed cell. Unknown ids throw VDX_DISCLOSURE_TABLE. */
export function protectShares(shares: readonly ShareDefinition[], published: ReadonlyMap<string, number | null>): readonly ProtectedShare[] {
  return Object.freeze(
    shares.map((s) => {
      for (const id of [s.numerator, s.denominator]) {
        if (!published.has(id)) throw new VindexError('VDX_DISCLOSURE_TABLE', `share ${s.id}: cell ${id} is not among the protected counts`);
      }
      const num = published.get(s.numerator)!;
      const den = published.get(s.denominator)!;
      if (num === null || den === null) return Object.freeze({ id: s.id, value: null, status: 'suppressed' as const });
      if (den === 0) return Object.freeze({ id: s.id, value: null, status: 'empty' as const });
      return Object.freeze({ id: s.id, value: num / den, status: 'published' as const });
    }),
  );
}
