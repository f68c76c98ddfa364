import type { Command } from 'commander';
import { VindexError } from '../../errors.ts';
import type { SampleVerification, StoredSample } from '../../sampling/index.ts';
import { byOption, dbOption, jsonOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';

interface CreateOptions {
  db?: string;
  by?: string;
  json?: boolean;
  frame?: string;
  strata?: string;
  design: string;
  size?: string;
  minPerStratum?: string;
  neymanSd?: string;
  pilot?: string;
  pilotShare?: string;
  seed?: string;
  id?: string;
}

interface PlanOptions {
  db?: string;
  json?: boolean;
  margin?: string;
  level: string;
  proportion: string;
  deff: string;
  population?: string;
  frame?: string;
}

const FRAME_HELP =
  'which series to sample from: "key=value[,value];…" with keys source, country (ISO alpha-2/3, ZZ), region (Europe, Asia, Americas, ' +
  'Africa, Oceania, Antarctic, Not determinable), years (YYYY or YYYY-YYYY of series.firstSeen), identified (yes, no, notDeterminable); ' +
  'keys combine with AND, values with OR (default: every series)';

/** A number option: finite, else VDX_USAGE naming it. */
function numberOption(text: string, option: string): number {
  const x = text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(x)) throw new VindexError('VDX_USAGE', `${option} must be a number; got ${text}`);
  return x;
}


/** n: the sum of the strata's n_h. */
const sampleSizeOf = (s: Pick<StoredSample, 'allocation'>): number => s.allocation.reduce((t, a) => t + a.sampleSize, 0);

function designText(s: Omit<StoredSample, 'units'>): string {
  const d = s.design;
  if (d.kind === 'srs') return 'simple random sampling without replacement';
  return `stratified, ${d.allocation} allocation${d.minimumPerStratum !== undefined ? `, minimum ${d.minimumPerStratum} per stratum` : ''}`;
}

/** Rows as aligned columns: the first `left` left-aligned (labels), the others right-aligned (numbers). */
function formatTable(rows: readonly (readonly string[])[], left = 1): string {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return rows.map((r) => r.map((c, j) => (j < left ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ').trimEnd()).join('\n') + '\n';
}

/** The allocation table: stratum, N_h, n_h, weight N_h/n_h (and S_h under Neyman). */
function allocationTable(s: Omit<StoredSample, 'units'>): string {
  const sd = s.design.kind === 'stratified' ? s.design.standardDeviations : undefined;
  const rows = s.allocation.map((a) => [
    a.stratum ?? '(all series)',
    String(a.populationSize),
    String(a.sampleSize),
    a.sampleSize === 0 ? '—' : (a.populationSize / a.sampleSize).toFixed(4),
    ...(sd ? [a.stratum !== null && sd[a.stratum] !== undefined ? sd[a.stratum]!.toFixed(4) : ''] : []),
  ]);
  const head = ['stratum', 'N_h', 'n_h', 'weight', ...(sd ? ['S_h'] : [])];
  const total = ['total', String(s.allocation.reduce((t, a) => t + a.populationSize, 0)), String(sampleSizeOf(s)), '', ...(sd ? [''] : [])];
  const empty = s.allocation.filter((a) => a.sampleSize === 0).length;
  const note = empty > 0 ? `note: ${empty === 1 ? '1 stratum' : `${empty} strata`} got n_h = 0 and ${empty === 1 ? 'is' : 'are'} not represented in the sample; set --min-per-stratum to cover every stratum\n` : '';
  return formatTable([head, ...rows, total]) + note;
}

async function summary(s: Omit<StoredSample, 'units'>): Promise<string> {
  const { formatFrameFilter } = await import('../../sampling/index.ts');
  const n = sampleSizeOf(s);
  return (
    `sample ${s.id}: ${n} of ${s.frameSize} series, ${designText(s)}, seed ${s.seed} (${s.prng})\n` +
    `frame: ${formatFrameFilter(s.frame)}  (frame hash ${s.frameHash})\n` +
    (s.strataBy ? `strata: ${s.strataBy.join(' / ')}\n` : '') +
    '\n' +
    allocationTable(s)
  );
}

function verificationText(v: SampleVerification): string {
  const frame = v.frameMatches
    ? 'the frame still matches the store (same series, same strata)'
    : v.currentFrameHash === null
      ? 'the frame NO LONGER matches: no series of the store match its filter now'
      : `the frame NO LONGER matches the store: it now has ${v.currentFrameSize} series (hash ${v.currentFrameHash})`;
  const units = v.unitsMatch ? 'redrawing with the recorded design and seed gives the same units' : 'redrawing with the recorded design and seed gives DIFFERENT units';
  const snapshot = v.snapshotMatches ? 'no import since it was drawn' : 'the store has had imports since it was drawn';
  return `check: ${frame}; ${units}; ${snapshot}\n`;
}

function registerCreate(sample: Command): void {
  sample
    .command('create')
    .summary('draw a reproducible sample of series and store it')
    .description(
      'Draws a sample of series from the store and stores it (sample and unit rows plus an audit entry, in one transaction).\n\n' +
        'The frame is the series matching --frame; a stratified design groups them by --strata (labels are the codes joined by " / ", ' +
        'a missing value counts as notDeterminable) and allocates --size over the strata. Selection is by MT19937 from --seed, so the ' +
        'same store, frame, design and seed always give the same sample (docs/sampling.md). Every unit gets π = n_h/N_h and weight N_h/n_h.\n\n' +
        'Neyman allocation (n_h ∝ N_h·S_h) needs S_h per stratum: a prior estimate (--neyman-sd) or, for a share, S_h = √(p_h(1 − p_h)) with ' +
        'p_h from an earlier stored sample (--pilot ID --pilot-share VARIABLE=CODE, weighted by the pilot\'s weights).',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  vindex sample create --design srs --size 200 --seed 20260101\n' +
        '  vindex sample create --frame "identified=no;years=2015-2020" --strata series.victimGender,region \\\n' +
        '      --design proportional --size 400 --min-per-stratum 5 --seed 7\n' +
        '  vindex sample create --strata region --design neyman --size 300 --seed 7 \\\n' +
        '      --neyman-sd "Europe=0.4,Asia=0.45,Americas=0.4,Africa=0.5,Oceania=0.4,Not determinable=0.5"\n' +
        '  vindex sample create --strata region --design neyman --size 300 --seed 8 --pilot s1 --pilot-share series.selfGenerated=yes\n',
    )
    .option('--frame <filter>', FRAME_HELP)
    .option('--strata <variables>', 'comma-separated stratification variables: categorical or country series variables (e.g. series.victimGender, series.selfGenerated, series.country), series.source, or the derived region and year (first seen)')
    .option('--design <design>', 'srs | proportional | equal | neyman', 'srs')
    .option('--size <n>', 'total sample size n (required)')
    .option('--min-per-stratum <m>', 'at least m series per stratum (a smaller stratum is taken whole)')
    .option('--neyman-sd <list>', 'Neyman: prior S_h per stratum, "label=0.3,label=0.5" (every stratum of the frame)')
    .option('--pilot <id>', 'Neyman: estimate S_h from this stored sample (with --pilot-share)')
    .option('--pilot-share <variable=code>', 'Neyman with --pilot: the share whose S_h = √(p_h(1 − p_h)), e.g. series.selfGenerated=yes')
    .option('--seed <s>', 'seed of the selection, 0 … 4294967295 (required; record it)')
    .option('--id <name>', 'the sample\'s id (default: the next free s1, s2, …)')
    .addOption(dbOption())
    .addOption(byOption())
    .addOption(jsonOption())
    .action(async (opts: CreateOptions) => {
      const [s, { resolveActor }] = await Promise.all([import('../../sampling/index.ts'), import('../../audit/index.ts')]);
      if (opts.size === undefined) throw new VindexError('VDX_USAGE', 'give the sample size with --size N (use `vindex sample plan` to choose it)');
      if (opts.seed === undefined) throw new VindexError('VDX_USAGE', 'give a seed with --seed S (any whole number 0 … 4294967295; it makes the sample reproducible)');
      const design = s.parseDesignName(opts.design);
      const size = s.parseWholeNumber(opts.size, '--size', 1);
      const seed = s.parseWholeNumber(opts.seed, '--seed', 0, s.MAX_SAMPLING_SEED);
      const minimumPerStratum = opts.minPerStratum === undefined ? undefined : s.parseWholeNumber(opts.minPerStratum, '--min-per-stratum', 0);
      if ((opts.pilot === undefined) !== (opts.pilotShare === undefined)) throw new VindexError('VDX_USAGE', '--pilot and --pilot-share go together: --pilot ID --pilot-share VARIABLE=CODE');
      const input = {
        frame: s.parseFrameFilter(opts.frame),
        strataBy: opts.strata === undefined ? null : s.parseStrataBy(opts.strata),
        design,
        size,
        seed,
        actor: resolveActor(opts.by),
        ...(minimumPerStratum !== undefined ? { minimumPerStratum } : {}),
        ...(opts.neymanSd !== undefined ? { neymanSd: s.parseNeymanSd(opts.neymanSd) } : {}),
        ...(opts.pilot !== undefined ? { pilot: { sampleId: opts.pilot, share: s.parsePilotShare(opts.pilotShare!) } } : {}),
        ...(opts.id !== undefined ? { id: opts.id } : {}),
      };
      const created = await withStore(opts.db, (store) => s.createStoredSample(store, input));
      if (opts.json) {
        const { units, ...rest } = created;
        return printJson({ ...rest, sampleSize: units.length });
      }
      process.stdout.write(await summary(created));
      process.stdout.write(`\nstored as ${created.id}; \`vindex sample show ${created.id} --units\` lists the series\n`);
    });
}

function registerShow(sample: Command): void {
  sample
    .command('show')
    .summary('everything recorded about a sample, and whether it still matches the store')
    .description(
      'Prints what was recorded when the sample was drawn (frame filter and hash, strata, design, seed, PRNG, allocation, snapshot hash of the ' +
        'store, codebook and software versions, who drew it and when) and checks it against the current store: the frame is rebuilt and ' +
        'hashed, and the sample redrawn with the same design and seed. --units lists the series keys with stratum, π and weight.',
    )
    .addHelpText('after', '\nExamples:\n  vindex sample show s1\n  vindex sample show s1 --units --json\n')
    .argument('<id>', 'sample id (see `vindex sample list`)')
    .option('--units', 'list the sampled series')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (id: string, opts: { db?: string; json?: boolean; units?: boolean }) => {
      const { loadSample, verifySample } = await import('../../sampling/index.ts');
      const [stored, check] = await withStore(opts.db, async (store) => {
        const loaded = await loadSample(store, id);
        return [loaded, await verifySample(store, loaded)] as const;
      });
      const { units, ...rest } = stored;
      if (opts.json) return printJson({ ...rest, sampleSize: units.length, check, ...(opts.units ? { units } : {}) });
      process.stdout.write(await summary(stored));
      process.stdout.write(
        `\ndrawn ${stored.createdAt} by ${stored.createdBy}; store snapshot ${stored.snapshotHash}; codebook ${stored.codebookVersion}; vindex ${stored.softwareVersion}\n` +
          verificationText(check),
      );
      if (opts.units) {
        const rows = units.map((u) => [u.seriesKey, u.stratum ?? '(all series)', u.inclusionProbability.toFixed(6), u.weight.toFixed(4)]);
        process.stdout.write('\n' + formatTable([['series key', 'stratum', 'π', 'weight'], ...rows], 2));
      }
    });
}

function registerList(sample: Command): void {
  sample
    .command('list')
    .summary('the samples of this store')
    .description('One line per stored sample, oldest first: id, size, frame size, design, seed, when and by whom.')
    .addHelpText('after', '\nExample:\n  vindex sample list --json\n')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { formatFrameFilter, listSamples } = await import('../../sampling/index.ts');
      const samples = await withStore(opts.db, (store) => listSamples(store));
      if (opts.json) return printJson(samples.map((s) => ({ ...s, sampleSize: sampleSizeOf(s) })));
      if (samples.length === 0) return void process.stdout.write('no samples yet; draw one with `vindex sample create`\n');
      for (const s of samples) {
        const n = sampleSizeOf(s);
        const design = s.design.kind === 'srs' ? 'srs' : `${s.design.allocation} by ${s.strataBy!.join(',')}`;
        process.stdout.write(`${s.id}  n=${n} of N=${s.frameSize}  ${design}  seed ${s.seed}  frame ${formatFrameFilter(s.frame)}  ${s.createdAt} ${s.createdBy}\n`);
      }
    });
}

function registerPlan(sample: Command): void {
  sample
    .command('plan')
    .summary('the sample size for a target margin of error')
    .description(
      'The sample size to estimate a share to ±margin (Cochran 1977, §4.4): n₀ = z²·p(1 − p)·deff / e², z the normal quantile at (1 + level)/2; ' +
        'with a population size N, the finite-population correction n = n₀ / (1 + (n₀ − 1)/N); rounded up. The population is --population N, ' +
        'or the number of series matching --frame in the store, or infinite when neither is given. deff is the design effect of the planned ' +
        'design (1 for simple random sampling; >1 for clustering, <1 for a well-stratified design).',
    )
    .addHelpText(
      'after',
      '\nExamples:\n  vindex sample plan --margin 0.05                     # 385\n  vindex sample plan --margin 0.05 --population 10000  # 370\n' +
        '  vindex sample plan --margin 0.03 --proportion 0.2 --deff 1.5 --frame "identified=no"\n',
    )
    .option('--margin <e>', 'half-width of the confidence interval on the proportion scale, e.g. 0.05 (required)')
    .option('--level <level>', 'confidence level', '0.95')
    .option('--proportion <p>', 'expected share (0.5 is the most conservative)', '0.5')
    .option('--deff <d>', 'design effect of the planned design', '1')
    .option('--population <N>', 'population size for the finite-population correction')
    .option('--frame <filter>', 'take the population size from the series of the store matching this frame (see `sample create --help`)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: PlanOptions) => {
      const s = await import('../../sampling/index.ts');
      if (opts.margin === undefined) throw new VindexError('VDX_USAGE', 'give the target margin of error with --margin E (e.g. 0.05 for ±5 percentage points)');
      if (opts.population !== undefined && opts.frame !== undefined) throw new VindexError('VDX_USAGE', 'give --population or --frame, not both');
      let populationSize: number | undefined;
      let frame: string | undefined;
      if (opts.population !== undefined) populationSize = numberOption(opts.population, '--population');
      if (opts.frame !== undefined) {
        const filter = s.parseFrameFilter(opts.frame);
        frame = s.formatFrameFilter(filter);
        populationSize = await withStore(opts.db, async (store) => {
          await s.checkFrameSources(store.db, filter);
          return (await s.queryFrame(store.db, filter, null)).length;
        });
        if (populationSize === 0) throw new VindexError('VDX_SAMPLE_INVALID', `the frame (${frame}) has no series in this store; widen --frame`);
      }
      const r = s.planSampleSize({
        marginOfError: numberOption(opts.margin, '--margin'),
        level: numberOption(opts.level, '--level'),
        proportion: numberOption(opts.proportion, '--proportion'),
        designEffect: numberOption(opts.deff, '--deff'),
        ...(populationSize !== undefined ? { populationSize } : {}),
      });
      if (opts.json) return printJson({ ...r, ...(frame !== undefined ? { frame } : {}) });
      const N = r.populationSize === null ? 'infinite' : `${r.populationSize}${frame !== undefined ? ` (series matching ${frame})` : ''}`;
      process.stdout.write(
        `sample size n = ${r.n}\n\n` +
          `  margin of error e   ${r.marginOfError}\n` +
          `  confidence level    ${r.level} (z = ${r.z.toFixed(6)})\n` +
          `  expected share p    ${r.proportion}\n` +
          `  design effect deff  ${r.designEffect}\n` +
          `  population N        ${N}\n` +
          `  n₀ = z²·p(1 − p)·deff / e² = ${r.n0.toFixed(4)}\n` +
          (r.populationSize === null ? `  n = ⌈n₀⌉ = ${r.n}\n` : `  n = n₀ / (1 + (n₀ − 1)/N) = ${r.unroundedN.toFixed(4)} → ${r.n}\n`),
      );
    });
}

/** `vindex sample create|show|list|plan`: stored, reproducible samples of series (src/sampling/). */
export function registerSample(program: Command): void {
  const sample = program
    .command('sample')
    .summary('draw, inspect and plan reproducible samples of series')
    .description(
      'Samples of series for hand coding: `plan` chooses the size for a target margin of error, `create` draws and stores a sample ' +
        '(simple random or stratified with proportional, equal or Neyman allocation; seeded MT19937), `show` prints what was recorded and ' +
        'whether it still matches the store, `list` the samples of the store. See docs/sampling.md.',
    );
  registerPlan(sample);
  registerCreate(sample);
  registerShow(sample);
  registerList(sample);
}
