import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
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
}

/**
 * The whole main job on the embedded default:
 *
 *   fresh store → synthetic file → import → profile → report → print the report's path
 */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .summary('run the whole job on synthetic data: store, import, profile, HTML report')
    .description(
      'Creates a fresh store in DIR (replacing an earlier demo there), writes seeded synthetic coded metadata,\n' +
        'imports it, computes the study profile and writes a self-contained HTML report (DIR/report/index.html) with a CSV per table.\n' +
        'The data are synthetic: no real case data is used, and the report says so.',
    )
    .option('--dir <dir>', 'folder for the demo store, data and report', 'vindex-demo')
    .option('--seed <n>', 'seed of the synthetic data', '1')
    .option('--series <n>', 'number of synthetic series', '10000')
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
      const [{ initStore }, { writeSyntheticFile }, { importFiles }, { computeProfile }, { writeReport }] = await Promise.all([
        import('../../store/index.ts'),
        import('../../synth/index.ts'),
        import('../../ingest/index.ts'),
        import('../../profile/index.ts'),
        import('../../report/index.ts'),
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
        say('4/5 computing the study profile');
        const profile = await computeProfile(store);
        say('5/5 writing the report');
        const report = await writeReport(profile, { outDir: join(dir, 'report') });
        const seconds = (performance.now() - started) / 1000;
        if (opts.json) printJson({ ...report, store: store.location, data: dataFile, seconds });
        else {
          say(`done in ${seconds.toFixed(1)} s`);
          process.stdout.write(report.indexPath + '\n');
        }
      } finally {
        await store.close();
      }
    });
}
