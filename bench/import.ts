// Import and profile across sizes: synthetic files of 100,000 and 1,000,000 victims are written by
// `vindex synth --victims N` (not timed), imported into a fresh SQLite store with full validation,
// then profiled. Prints size, seconds, records/s and victims/s; never asserts.
// Targets (DESIGN.md): 1,000,000 victims imported in under 10 s; their full profile in under 1 s.
//   node --import tsx bench/import.ts [victims…]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/ingest/index.ts';
import { computeProfile } from '../src/profile/index.ts';
import { initStore } from '../src/store/index.ts';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const dir = mkdtempSync(join(tmpdir(), 'vindex-bench-'));
const bin = new URL('../bin/vindex.js', import.meta.url).pathname;
console.log('victims    records   file MB   import s   records/s   victims/s   profile s');
try {
  for (const victims of sizes.length ? sizes : [100_000, 1_000_000]) {
    const file = join(dir, `synth-${victims}.csv`);
    execFileSync(process.execPath, [bin, 'synth', '--seed', '1', '--victims', String(victims), '--out', file], { stdio: 'ignore' });
    const store = await initStore(join(dir, `bench-${victims}.db`));
    const t0 = performance.now();
    const [summary] = await importFiles({ store, files: [file] });
    const importS = (performance.now() - t0) / 1000;
    const records = summary!.sources + summary!.series + summary!.victims + summary!.offenders;
    await computeProfile(store); // warm the page cache once, as a second run of the report would
    const t1 = performance.now();
    await computeProfile(store);
    const profileS = (performance.now() - t1) / 1000;
    await store.close();
    const row = [
      String(summary!.victims).padStart(7),
      String(records).padStart(10),
      (statSync(file).size / 1e6).toFixed(1).padStart(9),
      importS.toFixed(2).padStart(10),
      Math.round(records / importS).toLocaleString('en').padStart(11),
      Math.round(summary!.victims / importS).toLocaleString('en').padStart(11),
      profileS.toFixed(3).padStart(11),
    ];
    console.log(row.join(' '));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
