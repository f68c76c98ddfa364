import { concordance, type Concordance } from './concordance.ts';
import type { OrdinalEstimate } from './goodman-kruskal-gamma.ts';

/**
 * Kendall's τ-b = (P − Q)/w, P − Q = 2(C − D), w = √((n² − Σnᵢ.²)(n² − Σn.ⱼ²)), equal to R
 * cor(x, y, method = "kendall") on the expanded data. ASE is the non-null delta-method one (Agresti
 * 2010 §7.1; SAS PROC FREQ): ASE² = Σ nᵢⱼ (fᵢⱼ − f̄)² / w⁴ with fᵢⱼ = 2w(πcᵢⱼ − πdᵢⱼ) + τ_b(nᵢ.·wc +
 * n.ⱼ·wr), centred for accuracy. DescTools::KendallTauB multiplies its column term by δ₁δ₂ where
 * the derivative has δ₁/δ₂, so its ASE differs slightly; see docs/stats/tables.md. With fewer than
 * two non-empty rows or columns both are NaN.
 */
export function tauBFromConcordance(con: Concordance): OrdinalEstimate {
  const n = con.total;
  let sumRow2 = 0;
  let sumCol2 = 0;
  for (const t of con.rowTotals) sumRow2 += t * t;
  for (const t of con.colTotals) sumCol2 += t * t;
  const wr = n * n - sumRow2;
  const wc = n * n - sumCol2;
  if (!(wr > 0 && wc > 0)) return { estimate: NaN, ase: NaN };
  const w = Math.sqrt(wr * wc);
  const tau = (2 * (con.concordantPairs - con.discordantPairs)) / w;
  const c = con.cols;
  const f = (k: number): number => {
    const i = Math.floor(k / c);
    const j = k - i * c;
    return 2 * w * (con.concordant[k]! - con.discordant[k]!) + tau * (con.rowTotals[i]! * wc + con.colTotals[j]! * wr);
  };
  let sum = 0;
  for (let k = 0; k < con.counts.length; k++) if (con.counts[k]! > 0) sum += con.counts[k]! * f(k);
  const mean = sum / n;
  let ss = 0;
  for (let k = 0; k < con.counts.length; k++) {
    const m = con.counts[k]!;
    if (m === 0) continue;
    const dev = f(k) - mean;
    ss += m * dev * dev;
  }
  return { estimate: tau, ase: Math.sqrt(ss) / (w * w) };
}

/** Kendall's τ-b of an ordered table with its ASE; see tauBFromConcordance. */
export function kendallTauB(table: readonly (readonly number[])[]): OrdinalEstimate {
  return tauBFromConcordance(concordance(table));
}
