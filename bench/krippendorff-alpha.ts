// Krippendorff's α with a unit-resampling bootstrap (src/stats/reliability) across sizes and levels:
// units, level, samples, ms. Target (issue 3): 1,000 bootstrap samples on 2,000 units × 3 coders
// under 2 s on the 2-core machines. Prints, never asserts.
//   node --import tsx bench/krippendorff-alpha.ts
import mt19937 from '@stdlib/random-base-mt19937';
import { krippendorffAlpha, type MeasurementLevel } from '../src/stats/reliability/krippendorff-alpha.ts';

const rand = mt19937.factory({ seed: 20261129 });
const uniform = (): number => rand() / 4294967296;

/** coders × units codes 1–k: each coder gives the true code with probability 0.7, 10% missing. */
function data(units: number, coders: number, k: number): Float64Array[] {
  const truth = Float64Array.from({ length: units }, () => 1 + Math.floor(uniform() * k));
  return Array.from({ length: coders }, () =>
    truth.map((t) => (uniform() < 0.1 ? NaN : uniform() < 0.7 ? t : 1 + Math.floor(uniform() * k))),
  );
}

console.log('units  coders  k   level       samples        ms');
for (const units of [100, 2_000, 20_000]) {
  const d = data(units, 3, 5);
  for (const level of ['nominal', 'ordinal', 'interval', 'ratio'] as MeasurementLevel[]) {
    const samples = 1_000;
    krippendorffAlpha(d, { level, bootstrap: { samples: 10, seed: 1 } }); // warm-up
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const start = performance.now();
      krippendorffAlpha(d, { level, bootstrap: { samples, seed: 1 + r } });
      best = Math.min(best, performance.now() - start);
    }
    console.log(`${String(units).padStart(6)}  ${'3'.padStart(6)}  5   ${level.padEnd(10)}  ${String(samples).padStart(7)}  ${best.toFixed(1).padStart(8)}`);
  }
}
