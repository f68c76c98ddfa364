// Kaplan–Meier with the log-rank test (src/stats/survival) across sizes: size, ms, rows/s.
// Target (DESIGN.md): 1,000,000 rows under 2 s on the 2-core machines. Prints, never asserts.
//   node --import tsx bench/kaplan-meier.ts
import mt19937 from '@stdlib/random-base-mt19937';
import { kaplanMeier } from '../src/stats/survival/kaplan-meier.ts';

const rand = mt19937.factory({ seed: 20240611 });
const uniform = (): number => rand() / 4294967296;

function data(n: number, continuous: boolean): { time: Float64Array; event: Uint8Array; group: string[] } {
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  const group: string[] = new Array<string>(n);
  const labels = ['female', 'male', 'both'];
  for (let i = 0; i < n; i++) {
    const g = i % 3;
    const t = -Math.log(1 - uniform()) * 900 * (1 + g / 2); // days to identification
    const c = uniform() * 3650; // days of follow-up
    const x = Math.min(t, c);
    time[i] = continuous ? x : Math.floor(x);
    event[i] = t <= c ? 1 : 0;
    group[i] = labels[g];
  }
  return { time, event, group };
}

console.log('times       rows        ms      rows/s   steps');
for (const continuous of [false, true]) {
  for (const n of [10, 100, 1_000, 10_000, 100_000, 1_000_000]) {
    const { time, event, group } = data(n, continuous);
    kaplanMeier(time, event, { group }); // warm-up
    const runs = n >= 100_000 ? 3 : 20;
    let best = Infinity;
    let steps = 0;
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      const result = kaplanMeier(time, event, { group });
      best = Math.min(best, performance.now() - start);
      steps = result.groups.reduce((a, g) => a + g.time.length, 0);
    }
    const kind = continuous ? 'continuous' : 'days';
    console.log(`${kind.padEnd(11)} ${String(n).padStart(9)} ${best.toFixed(1).padStart(9)} ${Math.round(n / (best / 1000)).toLocaleString('en').padStart(11)} ${String(steps).padStart(7)}`);
  }
}
