import { concordance, type Concordance } from './concordance.ts';

export interface OrdinalEstimate {
  readonly estimate: number;
  /** Asymptotic standard error under the alternative (non-null ASE), for confidence intervals. */
  readonly ase: number;
}

/**
 * Goodman–Kruskal γ = (C − D)/(C + D) and its non-null ASE by the delta method, Agresti (2010)
 * Analysis of Ordinal Categorical Data §7.1, the formula of DescTools::GoodmanKruskalGamma:
 * ASE² = Σ nᵢⱼ ψᵢⱼ² − (Σ nᵢⱼ ψᵢⱼ)² with ψ = 2(D·πc − C·πd)/(C + D)². With fewer than two non-empty
 * rows or columns there are no untied pairs (C + D = 0) and both are NaN.
 */
export function gammaFromConcordance(con: Concordance): OrdinalEstimate {
  const C = con.concordantPairs;
  const D = con.discordantPairs;
  const untied = C + D;
  if (!(untied > 0)) return { estimate: NaN, ase: NaN };
  const scale = 2 / (untied * untied);
  // Σ nψ is 0 in exact arithmetic; it is kept (as DescTools does) and subtracted from the centred sum.
  let sum = 0;
  for (let k = 0; k < con.counts.length; k++) sum += con.counts[k]! * scale * (D * con.concordant[k]! - C * con.discordant[k]!);
  const mean = sum / con.total;
  let ss = 0;
  for (let k = 0; k < con.counts.length; k++) {
    const n = con.counts[k]!;
    if (n === 0) continue;
    const dev = scale * (D * con.concordant[k]! - C * con.discordant[k]!) - mean;
    ss += n * dev * dev;
  }
  return { estimate: (C - D) / untied, ase: Math.sqrt(ss) };
}

/** Goodman–Kruskal γ of an ordered table (rows and columns in order) with its ASE; see gammaFromConcordance. */
export function goodmanKruskalGamma(table: readonly (readonly number[])[]): OrdinalEstimate {
  return gammaFromConcordance(concordance(table));
}
