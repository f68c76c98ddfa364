// Disclosure control of a release's linked tables: the shipped indicators by country and by year
// from a store (default vindex-demo/vindex.db, made by `vindex demo`), protected by suppression
// with a given budget of exact Benders rounds. Prints the system's size, seconds, rounds,
// secondary cells and whether the minimum is proven; never asserts.
//   node --import tsx bench/release.ts [STORE] [EXACT_ROUNDS]
import { splitComponents } from '../src/disclosure/components.ts';
import { primarySuppression, protectTables } from '../src/disclosure/index.ts';
import { computeIndicators } from '../src/indicators/index.ts';
import { indicatorTables } from '../src/release/tables.ts';
import { openStore } from '../src/store/index.ts';

const store = await openStore(process.argv[2] ?? 'vindex-demo/vindex.db');
const rounds = Number(process.argv[3] ?? 25);
try {
  const byCountry = await computeIndicators(store, { by: ['country'] });
  const byYear = await computeIndicators(store, { by: ['year'] });
  const { system } = indicatorTables([...byCountry.results, ...byYear.results]);
  const parts = splitComponents(system).map((c) => c.cells.size);
  console.log(`cells ${system.cells.size}, constraints ${system.constraints.length}, parts ${parts.join(' + ')}, sensitive ${primarySuppression(system).length}`);
  const t0 = performance.now();
  const p = await protectTables(system, { maxRounds: rounds });
  const seconds = (performance.now() - t0) / 1000;
  if (p.record.method !== 'suppression') throw new Error('expected suppression');
  console.log(`exact rounds ${rounds}: ${seconds.toFixed(1)} s, ${p.record.rounds} rounds, ${p.record.secondaryCells} secondary cells, proven ${p.record.proven}, audit ${p.audit?.pass ? 'passed' : 'FAILED'}`);
} finally {
  await store.close();
}
