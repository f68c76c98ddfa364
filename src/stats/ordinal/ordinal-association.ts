import { concordance } from './concordance.ts';
import { gammaFromConcordance } from './goodman-kruskal-gamma.ts';
import { tauBFromConcordance } from './kendall-tau-b.ts';

export interface OrdinalAssociationResult {
  readonly gamma: number;
  readonly gammaAse: number;
  readonly kendallTauB: number;
  readonly kendallTauBAse: number;
  /** C: pairs ordered the same way on rows and columns. */
  readonly concordantPairs: number;
  /** D: pairs ordered oppositely. */
  readonly discordantPairs: number;
  readonly n: number;
}

/**
 * Goodman–Kruskal γ and Kendall's τ-b of an ordered table with their non-null ASEs, from one
 * O(r·c) pass of pair counts (see goodman-kruskal-gamma.ts, kendall-tau-b.ts). Fewer than two
 * non-empty rows or columns give NaN for all four; a ragged table or a negative or non-finite
 * count throws RangeError.
 */
export function ordinalAssociation(table: readonly (readonly number[])[]): OrdinalAssociationResult {
  const con = concordance(table);
  const g = gammaFromConcordance(con);
  const t = tauBFromConcordance(con);
  return {
    gamma: g.estimate,
    gammaAse: g.ase,
    kendallTauB: t.estimate,
    kendallTauBAse: t.ase,
    concordantPairs: con.concordantPairs,
    discordantPairs: con.discordantPairs,
    n: con.total,
  };
}
