import { Option, type Command } from 'commander';
import { VindexError } from '../../errors.ts';
import type { Dimension } from '../../indicators/types.ts';
import type { LonelyPsu } from '../../stats/survey/design.ts';
import { byOption, dbOption, jsonOption, lonelyPsuOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';
import { parseBy } from './indicators.ts';

interface CreateOpts {
  out: string;
  /** The actor (audit log). */
  db?: string;
  json?: boolean;
  by?: string;
  table?: string[];
  indicator?: string[];
  definitions?: string;
  aggregation: 'pooled' | 'equal-country';
  level: string;
  sample?: string;
  lonelyPsu: LonelyPsu;
  method: 'suppression' | 'rounding' | 'noise';
  threshold: string;
  protectZeros?: boolean;
  cost: 'value' | 'count';
  base: string;
  epsilon?: string;
  seed?: string;
  timeLimit: string;
  exactRounds: string;
  pdf: 'auto' | 'yes' | 'no';
  chromium?: string;
  title?: string;
}

function wholeNumber(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new VindexError('VDX_USAGE', `${flag} must be a whole number ≥ ${min}, got "${text}"`);
  return n;
}

export function registerRelease(program: Command): void {
  const release = program
    .command('release')
    .summary('protect, audit and publish the indicators: CSV, SDMX, report, PDF, manifest')
    .description('A release is the only way figures leave Vindex: every count passes disclosure control and its audit, every file is hashed into a manifest, and the release is recorded and audited in the store. See docs/release.md.');

  release
    .command('create')
    .summary('compute, protect and write a release into a new folder')
    .description(
      [
        'Computes the indicators (all shipped ones, plus --definitions, or those named by --indicator) for each table — by default one by country (with regions and the world) and one by year of first sighting — and protects all their counts together as linked tables: the same count in two tables is one cell, and every total equals the sum of its parts.',
        'Methods: suppression (default): primary suppression of counts from 1 to threshold − 1 (--threshold, default 10), complementary suppression by the Fischetti–Salazar mixed-integer programme (HiGHS; Benders decomposition for large tables, with --exact-rounds master MIPs solved to optimality before the remaining cuts are covered by LP rounding), then an LP audit proving that for every suppressed count the interval an attacker can deduce from what is published is at least the required protection interval. rounding: controlled rounding to --base (default 5), additive. noise: two-sided geometric noise with --epsilon per count and --seed; the budget is recorded.',
        'Shares, intervals, the map and trend tests are derived from the protected counts only; an observation resting on a suppressed count is suppressed (SDMX CONF_STATUS C primary, D secondary). Kaplan–Meier and design-based figures are released with suppression only.',
        'Writes into --out (which must not exist or be empty): indicators.csv, sdmx/ (SDMX-CSV, SDMX-JSON data, structure as SDMX-JSON and SDMX-ML), report/index.html (indicators with tables, world map and trend charts; disclosure control; provenance) with report/indicators/*.csv, report/report.pdf when Chromium is installed (--pdf auto; yes makes it required), and manifest.json (snapshot hash, codebook, definitions, parameters, method and audit result, software version, SHA-256 of every file). Every file is read back and checked before the release is moved into place; on any failure nothing is written and the store is unchanged.',
        'The release is recorded in the store (vindex release list) with who released it (--by, $VINDEX_USER, else your user name) and appended to the audit log.',
        'Examples:\n  vindex release create --out releases/2026-q4\n  vindex release create --out rel-rounded --method rounding --base 5\n  vindex release create --out rel-region --table region,year --indicator victims-unidentified',
      ].join('\n\n'),
    )
    .addOption(new Option('--out <dir>', 'new folder for the release').makeOptionMandatory())
    .addOption(dbOption())
    .addOption(jsonOption())
    .addOption(byOption())
    .option('--table <dims...>', 'a breakdown to release, e.g. country or region,year (repeat; default: country and year)')
    .option('--indicator <id...>', 'release only these indicators (see vindex indicators list)')
    .option('--definitions <file>', 'add user definitions from this YAML or JSON file')
    .addOption(new Option('--aggregation <method>', 'how regional and global shares weight countries').choices(['pooled', 'equal-country']).default('pooled'))
    .option('--level <p>', 'confidence level of the intervals', '0.95')
    .option('--sample <id>', 'design-based shares from this stored sample (suppression only)')
    .addOption(lonelyPsuOption())
    .addOption(new Option('--method <method>', 'disclosure control').choices(['suppression', 'rounding', 'noise']).default('suppression'))
    .option('--threshold <n>', 'suppression: minimum frequency (counts 1 … n − 1 are suppressed)', '10')
    .option('--protect-zeros', 'suppression: treat zero counts as sensitive too')
    .addOption(new Option('--cost <cost>', 'suppression: minimise the suppressed total (value) or the number of cells (count)').choices(['value', 'count']).default('value'))
    .option('--base <n>', 'rounding: the rounding base', '5')
    .option('--epsilon <e>', 'noise: privacy budget ε per count')
    .option('--seed <n>', 'noise: seed of the noise')
    .option('--time-limit <s>', 'seconds per solver call', '120')
    .option('--exact-rounds <n>', 'suppression: master MIPs solved to optimality before the cuts are covered greedily (the audit proves the pattern either way; the manifest says whether its minimality is proven)', '25')
    .addOption(new Option('--pdf <when>', 'print the report to PDF with headless Chromium').choices(['auto', 'yes', 'no']).default('auto'))
    .option('--chromium <path>', 'the Chromium binary (default: $CHROMIUM, else the usual paths)')
    .option('--title <text>', 'title of the report')
    .action(async (opts: CreateOpts) => {
      const tables: Dimension[][] = (opts.table ?? []).map((t) => {
        const dims = parseBy(t);
        if (dims.length === 0) throw new VindexError('VDX_USAGE', `--table "${t}" names no dimension`);
        return dims;
      });
      const level = Number(opts.level);
      if (!(level > 0 && level < 1)) throw new VindexError('VDX_USAGE', `--level must be between 0 and 1, got "${opts.level}"`);
      if (opts.method !== 'noise' && (opts.epsilon !== undefined || opts.seed !== undefined)) throw new VindexError('VDX_USAGE', '--epsilon and --seed are for --method noise');
      if (opts.method === 'noise' && (opts.epsilon === undefined || opts.seed === undefined)) throw new VindexError('VDX_USAGE', '--method noise needs --epsilon and --seed');
      const epsilon = opts.epsilon === undefined ? undefined : Number(opts.epsilon);
      if (epsilon !== undefined && !(epsilon > 0)) throw new VindexError('VDX_USAGE', `--epsilon must be a positive number, got "${opts.epsilon}"`);
      const ids = (opts.indicator ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
      const [{ allDefinitions }, { createRelease }, { resolveActor }] = await Promise.all([
        import('../../indicators/index.ts'),
        import('../../release/index.ts'),
        import('../../audit/index.ts'),
      ]);
      const actor = resolveActor(opts.by);
      const definitions = allDefinitions(opts.definitions);
      const say = (s: string): void => {
        if (!opts.json) process.stderr.write(`${s}\n`);
      };
      const created = await withStore(opts.db, (store) =>
        createRelease(store, {
          out: opts.out, actor, definitions, level, aggregation: opts.aggregation, method: opts.method,
          ...(tables.length > 0 ? { tables } : {}),
          ...(ids.length > 0 ? { indicators: ids } : {}),
          ...(opts.sample !== undefined ? { sample: opts.sample, lonelyPsu: opts.lonelyPsu } : {}),
          rules: { threshold: wholeNumber(opts.threshold, '--threshold', 1), protectZeros: opts.protectZeros === true },
          cost: opts.cost,
          base: wholeNumber(opts.base, '--base', 2),
          ...(epsilon !== undefined ? { epsilon } : {}),
          ...(opts.seed !== undefined ? { seed: wholeNumber(opts.seed, '--seed', 0) } : {}),
          timeLimit: wholeNumber(opts.timeLimit, '--time-limit', 1),
          exactRounds: wholeNumber(opts.exactRounds, '--exact-rounds', 0),
          pdf: opts.pdf,
          ...(opts.chromium ? { chromium: opts.chromium } : {}),
          ...(opts.title ? { title: opts.title } : {}),
          onStep: (s) => say(`… ${s}`),
        }),
      );
      const m = created.manifest;
      if (opts.json) {
        printJson({ id: created.id, dir: created.dir, manifestSha256: created.manifestSha256, pdf: created.pdf, manifest: m });
        return;
      }
      const audit = m.disclosure.audit;
      process.stdout.write(
        [
          `Released ${created.id} into ${created.dir}`,
          `  ${m.files.length} files; manifest.json SHA-256 ${created.manifestSha256}`,
          `  method: ${m.parameters.method}${audit ? ` · audit ${audit.pass ? 'passed' : 'FAILED'}: ${audit.suppressedCells} suppressed counts (${audit.sensitiveCells} primary), none recoverable within its protection interval` : ''}`,
          `  counts: ${m.disclosure.cells.total} (${Object.entries(m.disclosure.cells.byStatus).map(([k, v]) => `${v} ${k}`).join(', ')})`,
          ...m.disclosure.withheld.map((w) => `  not released: ${w.indicator} — ${w.reason}`),
          `  report: ${created.dir}/report/index.html${created.pdf.written ? ` and report.pdf` : ` (no PDF: ${created.pdf.reason})`}`,
          `  released by ${m.releasedBy} at ${m.releasedAt}`,
          '',
        ].join('\n'),
      );
    });

  release
    .command('verify')
    .summary('check a release folder against its manifest (and the store record)')
    .description('Recomputes the SHA-256 of every file, refuses added or missing files, re-checks every count against the release\'s rule and the SDMX files against their structure; with a store (--db or $VINDEX_DB, when it exists) also checks that it recorded this manifest. Exits 1 listing every problem.')
    .argument('<dir>', 'the release folder')
    .addOption(dbOption())
    .addOption(jsonOption())
    .option('--no-store', 'do not compare with the store record')
    .action(async (dir: string, opts: { db?: string; json?: boolean; store: boolean }) => {
      const { verifyRelease } = await import('../../release/index.ts');
      const result = opts.store ? await withStore(opts.db, (store) => verifyRelease(dir, store)) : await verifyRelease(dir);
      if (opts.json) printJson(result);
      if (!result.ok) throw new VindexError('VDX_RELEASE_INVALID', `release ${result.id} in ${dir} does not verify:\n  ${result.problems.join('\n  ')}`, result);
      if (!opts.json) process.stdout.write(`release ${result.id} verified: ${result.files} files match manifest.json (SHA-256 ${result.manifestSha256})\n`);
    });

  release
    .command('list')
    .summary('list the releases recorded in the store')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { db?: string; json?: boolean }) => {
      const rows = await withStore(opts.db, (store) => store.db.selectFrom('release').selectAll().orderBy('created_at').orderBy('id').execute());
      if (opts.json) return printJson(rows.map((r) => ({ ...r, parameters: JSON.parse(r.parameters) as unknown })));
      if (rows.length === 0) return void process.stdout.write('no releases yet (vindex release create --out DIR)\n');
      for (const r of rows) {
        const audit = r.audit_pass === null ? 'no audit (not suppression)' : r.audit_pass === 1 ? 'audit passed' : 'audit FAILED';
        process.stdout.write(`${r.id.padEnd(6)} ${r.created_at}  ${r.status.padEnd(9)} by ${r.released_by ?? r.created_by}  ${r.method.padEnd(11)} ${audit}  ${r.location}\n`);
      }
    });
}
