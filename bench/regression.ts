// Logistic regression (10 covariates), Cox regression (5 covariates, Efron and Breslow) and
// ordinal logistic regression (5 covariates, 4 levels) across sizes: size, ms, rows/s.
// Targets (DESIGN.md): logistic and Cox on 1,000,000 rows under 2 s each on the 2-core machines.
// Prints, never asserts.   node --import tsx bench/regression.ts
import mt19937 from '@stdlib/random-base-mt19937';
import { logisticRegression } from '../src/stats/regression/logistic.ts';
import { ordinalLogistic } from '../src/stats/regression/ordinal-logistic.ts';
import { coxRegression } from '../src/stats/survival/cox.ts';

const rand = mt19937.factory({ seed: 20240601 });
const uniform = (): number => rand() / 4294967296;
const normal = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());

/** Row-major covariates: every third column 0/1, the others standard normal; and a linear predictor. */
function covariates(n: number, q: number): { x: Float64Array; eta: Float64Array; names: string[] } {
  const x = new Float64Array(n * q);
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let e = 0;
    for (let j = 0; j < q; j++) {
      const v = j % 3 === 0 ? (uniform() < 0.4 ? 1 : 0) : normal();
      x[i * q + j] = v;
      e += (0.1 * (j + 1) - 0.4) * v;
    }
    eta[i] = e;
  }
  return { x, eta, names: Array.from({ length: q }, (_, j) => `x${j + 1}`) };
}

function time(label: string, n: number, fit: () => number): void {
  fit(); // warm-up (also checks the fit runs)
  const runs = n >= 100_000 ? 3 : 10;
  let best = Infinity;
  let iterations = 0;
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    iterations = fit();
    best = Math.min(best, performance.now() - start);
  }
  console.log(`${label.padEnd(18)} ${String(n).padStart(9)} ${best.toFixed(1).padStart(9)} ${Math.round(n / (best / 1000)).toLocaleString('en').padStart(12)} ${String(iterations).padStart(6)}`);
}

console.log('method                  rows        ms       rows/s  iters');
for (const n of [1_000, 10_000, 100_000, 1_000_000]) {
  const { x, eta, names } = covariates(n, 10);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) y[i] = uniform() < 1 / (1 + Math.exp(0.5 - eta[i])) ? 1 : 0;
  time('logistic q=10', n, () => logisticRegression(y, x, names).iterations);
}
for (const n of [1_000, 10_000, 100_000, 1_000_000]) {
  const { x, eta, names } = covariates(n, 5);
  const t = new Float64Array(n);
  const event = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const te = -Math.log(1 - uniform()) / (0.001 * Math.exp(eta[i])); // days to identification
    const tc = uniform() * 3650; // days of follow-up
    t[i] = Math.floor(Math.min(te, tc));
    event[i] = te <= tc ? 1 : 0;
  }
  time('cox q=5 efron', n, () => coxRegression(t, event, x, names).iterations);
  time('cox q=5 breslow', n, () => coxRegression(t, event, x, names, { ties: 'breslow' }).iterations);
}
for (const n of [1_000, 10_000, 100_000, 1_000_000]) {
  const { x, eta, names } = covariates(n, 5);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const u = uniform();
    const latent = eta[i] + Math.log(u / (1 - u));
    y[i] = latent < -1 ? 1 : latent < 0 ? 2 : latent < 1.2 ? 3 : 4;
  }
  time('ordinal q=5 K=4', n, () => ordinalLogistic(y, x, names).iterations);
}
