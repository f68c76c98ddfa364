import type { Command } from 'commander';
import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { VindexError } from '../../errors.ts';
import { jsonOption } from '../options.ts';
import { printJson } from '../output.ts';
import { progressBar } from '../progress.ts';

interface DemoOptions {
  dir: string;
  seed: string;
  series: string;
  json?: boolean;
  release: boolean;
}

/**
 * The whole main job on the embedded default:
 *
 *   fresh store → synthetic file → import → indicators → disclosure control + audit → release
 *   (report with indicators, map and trends; CSV; SDMX; PDF when Chromium is there) → print the report's path
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .summary('run the whole job on synthetic data: store, import, indicators, disclosure control, release')
    .description(
      'Creates a fresh store in DIR (replacing an earlier demo there), writes seeded synthetic coded metadata and imports it,\n' +
        'computes the indicators by country and by year, protects their counts (cell suppression with the LP audit) and writes\n' +
        'the release DIR/release: a self-contained HTML report (report/index.html: indicator tables, world map, trend charts,\n' +
        'disclosure control, provenance), report.pdf when Chromium is installed, CSV, SDMX and manifest.json (vindex release create).\n' +
        'The data are synthetic: no real case data is used, and the report says so. The unprotected study profile is vindex report.',
    )
    .option('--dir <dir>', 'folder for the demo store, data and report', 'vindex-demo')
    .option('--seed <n>', 'seed of the synthetic data', '1')
    .option('--series <n>', 'number of synthetic series', '10000')
    .option('--no-release', 'stop after the import: a synthetic store to rehearse sampling and coding on (vindex sample, vindex coding)')
    .addOption(jsonOption())
    .action(async (opts: DemoOptions) => {
      const seed = Number(opts.seed);
      const series = Number(opts.series);
      if (!Number.isInteger(seed) || seed < 0) throw new VindexError('VDX_USAGE', `--seed must be a whole number ≥ 0, got ${opts.seed}`);
      if (!Number.isInteger(series) || series < 1) throw new VindexError('VDX_USAGE', `--series must be a whole number ≥ 1, got ${opts.series}`);
      const dir = resolve(opts.dir);
      mkdirSync(dir, { recursive: true });
      const say = (s: string): void => {
        if (!opts.json) process.stderr.write(s + '\n');
      };
      const started = performance.now();
      const [{ initStore }, { writeSyntheticFile }, { importFiles }, { createRelease }, { resolveActor }] = await Promise.all([
        import('../../store/index.ts'),
        import('../../synth/index.ts'),
        import('../../ingest/index.ts'),
        import('../../release/index.ts'),
        import('../../audit/index.ts'),
      ]);
      const dataFile = join(dir, `synthetic-seed${seed}.csv`);
      say(`1/5 writing ${series} synthetic series (seed ${seed}) to ${dataFile}`);
      await writeSyntheticFile({ seed, series, out: dataFile, format: 'csv' });
      say(`2/5 creating a fresh store ${join(dir, 'vindex.db')}`);
      const store = await initStore(join(dir, 'vindex.db'), { force: true });
      try {
        await store.db.insertInto('meta').values({ key: 'synthetic', value: 'yes' }).execute();
        say('3/5 importing (validation, pseudonymisation, imagery guard)');
        const bar = progressBar('bytes');
        const [summary] = await importFiles({ store, files: [dataFile], onProgress: (p) => bar.update(p.bytes, p.totalBytes, p.phase === 'scan' ? 'scanning' : 'importing') }).finally(() => bar.stop());
        say(`    ${summary!.series} series, ${summary!.victims} victims, ${summary!.offenders} offenders`);
        if (!opts.release) {
          const seconds = (performance.now() - started) / 1000;
          if (opts.json) printJson({ store: store.location, data: dataFile, seconds });
          else process.stdout.write(store.location + '\n');
          return;
        }
        say('4/5 computing the indicators, protecting their counts, writing the release');
        const releaseDir = join(dir, 'release');
        // The store was just replaced, so the release of an earlier demo belongs to nothing.
        rmSync(releaseDir, { recursive: true, force: true });
        const release = await createRelease(store, { out: releaseDir, actor: resolveActor(), onStep: (s) => say(`    … ${s}`) });
        const audit = release.manifest.disclosure.audit!;
        say(`    ${release.manifest.disclosure.cells.total} counts: ${audit.suppressedCells} suppressed, audit ${audit.pass ? 'passed' : 'FAILED'}`);
        say(`5/5 ${release.pdf.written ? 'report and PDF written' : `report written (no PDF: ${release.pdf.reason})`}`);
        const indexPath = join(releaseDir, 'report', 'index.html');
        const seconds = (performance.now() - started) / 1000;
        if (opts.json) printJson({ indexPath, release: releaseDir, releaseId: release.id, manifestSha256: release.manifestSha256, pdf: release.pdf, audit, store: store.location, data: dataFile, seconds });
        else {
          say(`done in ${seconds.toFixed(1)} s`);
          process.stdout.write(indexPath + '\n');
        }
      } finally {
        await store.close();
      }
    });
}
