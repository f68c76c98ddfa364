// Disclosure control across table sizes: a seeded random rows × cols count table with margins
// (about 15 % of interior cells below the threshold 10), protected by complementary suppression
// (HiGHS MIP + LP audit) and by controlled rounding. Prints size, sensitive and suppressed cells,
// MIP rounds, cost, whether the optimum is proven, and seconds; never asserts.
//   node --import tsx bench/disclosure.ts [--method=auto|benders|witness] [--no-rounding] [RxC…]
// 'auto' (default) is the library default: the witness MIP below WITNESS_MAX_CELLS cells, Benders
// (Fischetti & Salazar-González 2001 capacity cuts) from there.
import { controlledRounding, primarySuppression, complementarySuppression, tableFromGrid } from '../src/disclosure/index.ts';
import { WITNESS_MAX_CELLS } from '../src/disclosure/complementary.ts';
import { SamplingRandom } from '../src/sampling/seeded-random.ts';

const args = process.argv.slice(2);
const method = (args.find((a) => a.startsWith('--method='))?.slice('--method='.length) ?? 'auto') as 'auto' | 'benders' | 'witness';
const rounding = !args.includes('--no-rounding');
const given = args.filter((a) => !a.startsWith('--'));
const sizes = given.length ? given : ['3x4', '6x8', '10x12', '20x6', '30x20', '60x12'];
console.log('table    cells  sensitive  suppressed  method   rounds        cost  proven  suppress s   round s');
for (const size of sizes) {
  const [rows, cols] = size.split('x').map(Number) as [number, number];
  const rng = new SamplingRandom(rows * 1000 + cols);
  const counts = Array.from({ length: rows }, () => Array.from({ length: cols }, () => (rng.int(100) < 15 ? 1 + rng.int(9) : 10 + rng.int(200))));
  const system = tableFromGrid(counts, { table: 'b', rows: counts.map((_, i) => `r${i}`), cols: counts[0]!.map((_, j) => `c${j}`) });
  const sensitive = primarySuppression(system);
  const used = method === 'auto' ? (system.cells.size < WITNESS_MAX_CELLS ? 'witness' : 'benders') : method;
  const t0 = performance.now();
  const pattern = await complementarySuppression(system, sensitive, { method });
  const t1 = performance.now();
  if (rounding) await controlledRounding(system);
  const t2 = performance.now();
  console.log(
    `${size.padEnd(8)} ${String(system.cells.size).padStart(5)}  ${String(sensitive.length).padStart(9)}  ${String(pattern.suppressed.length).padStart(10)}  ${used.padEnd(7)}  ${String(pattern.rounds).padStart(6)}  ${pattern.cost.toFixed(3).padStart(10)}  ${String(pattern.proven).padStart(6)}  ${((t1 - t0) / 1000).toFixed(2).padStart(10)}  ${rounding ? ((t2 - t1) / 1000).toFixed(2).padStart(8) : '       -'}`,
  );
  if (!pattern.audit.pass) throw new Error('audit failed');
}
