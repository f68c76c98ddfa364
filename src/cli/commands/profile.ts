import type { Command } from 'commander';
import { VindexError } from '../../errors.ts';
import type { Profile, ProfileTable, SampleManifest } from '../../profile/index.ts';
import { formatP } from '../../report/format.ts';
import type { LonelyPsu } from '../../stats/survey/design.ts';
import { dbOption, jsonOption, lonelyPsuOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';

const pct = (x: number): string => (Number.isFinite(x) ? (100 * x).toFixed(1).padStart(5) + '%' : '    –');
const fixed = (x: number | null | undefined, digits: number): string => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));

/** "stratified, proportional allocation", "simple random sampling without replacement". */
export function designName(sample: SampleManifest): string {
  const d = sample.design;
  if (d.kind === 'srs') return 'simple random sampling without replacement';
  return `stratified random sampling without replacement${typeof d.allocation === 'string' ? `, ${d.allocation} allocation` : ''}`;
}

/** The header lines of a design-based profile: which sample, design, n of N, strata, round. */
export function sampleHeader(profile: Profile): string[] {
  const m = profile.manifest;
  const s = m.sample;
  if (!s) return [];
  const strata = s.strataBy === null ? 'no strata' : `${s.allocation.length} strata by ${s.strataBy.join(' × ')}`;
  const out = [
    `Design-based estimates from sample ${s.id}: ${designName(s)}, n = ${s.sampleSize} of N = ${s.frameSize} series, ${strata}; seed ${s.seed} (${s.prng}), frame ${s.frameHash.slice(0, 16)}`,
    'Shares are weighted estimates for the frame (victims and offenders: every one of the sampled series); count = sampled units; SE = standard error; deff = design effect.',
  ];
  if (s.drawnFromSnapshot !== m.snapshotHash) out.push(`Warning: data were imported after sample ${s.id} was drawn (snapshot ${s.drawnFromSnapshot.slice(0, 16)} then); the frame may have changed — see vindex sample show ${s.id}`);
  if (m.round) {
    out.push(`Coding round ${m.round.id} (coders ${m.round.coders.join(', ')}): final values replace the store's for ${m.round.variables.join(', ')}; ${m.round.adjudicated} adjudicated${m.round.unresolvedUsedStoreValue > 0 ? `; ${m.round.unresolvedUsedStoreValue} unit × variable values without a final value took the store's value (--allow-incomplete)` : ''}`);
  }
  return out;
}

function cell(t: ProfileTable, i: number): string {
  const r = t.rows[i]!;
  const base = `${String(r.count).padStart(8)} ${pct(r.share)} [${pct(r.lower).trim()}–${pct(r.upper).trim()}]`;
  if (t.estimator !== 'design') return base.padStart(26);
  return `${base} ${fixed(r.standardError, 4).padStart(6)} ${fixed(r.designEffect, 2).padStart(5)}`.padStart(40);
}

/** A plain-text rendering of the profile for the terminal. */
export function profileText(profile: Profile): string {
  const out: string[] = [];
  const m = profile.manifest;
  const sampled = m.sample ? 'sampled ' : '';
  out.push(`Study profile — ${m.counts.victims} ${sampled}victims, ${m.counts.series} ${sampled}series, ${m.counts.offenders} ${sampled}offenders, ${m.counts.sources} sources`);
  out.push(`snapshot ${m.snapshotHash.slice(0, 16)} · codebook ${m.codebookVersion} · vindex ${m.softwareVersion}`, ...sampleHeader(profile), '');
  const byKey = new Map<string, typeof profile.tables[number][]>();
  for (const t of profile.tables) {
    const key = t.id.replace(/-(unidentified|identified|all)$/, '');
    byKey.set(key, [...(byKey.get(key) ?? []), t]);
  }
  for (const tables of byKey.values()) {
    const first = tables[0]!;
    out.push(`${first.title} (${first.variable}, ${first.unit})`);
    const design = first.estimator === 'design';
    const width = design ? 40 : 26;
    out.push(`  ${'category'.padEnd(28)}${tables.map((t) => t.population.padStart(width)).join('')}`);
    if (design) out.push(`  ${''.padEnd(28)}${tables.map(() => `count  share [interval]      SE  deff`.padStart(width)).join('')}`);
    first.rows.forEach((row, i) => {
      out.push(`  ${row.label.slice(0, 27).padEnd(28)}${tables.map((t) => cell(t, i)).join('')}`);
    });
    out.push(`  ${'total'.padEnd(28)}${tables.map((t) => String(t.total).padStart(width)).join('')}`);
    if (design) out.push(`  ${'estimated total (Σ weights)'.padEnd(28)}${tables.map((t) => fixed(t.weightedTotal, 1).padStart(width)).join('')}`);
    out.push('');
  }
  out.push(m.sample ? 'Associations (Pearson χ², Cramér\'s V; UNWEIGHTED sample counts: p-values ignore weights, strata and clusters)' : 'Associations (Pearson χ², Cramér\'s V)');
  for (const a of profile.associations) {
    out.push(`  ${a.title.padEnd(34)} ${a.population.padEnd(13)} χ² = ${a.chiSquare.toFixed(2)}, df = ${a.df}, p ${formatP(a.pValue)}, V = ${a.cramersV.toFixed(3)}`);
  }
  out.push('', m.sample ? 'Identified vs unidentified (UNWEIGHTED sample counts)' : 'Identified vs unidentified');
  for (const c of profile.comparisons) {
    out.push(`  ${c.variable.padEnd(34)} χ² = ${c.chiSquare.toFixed(2)}, df = ${c.df}, p ${formatP(c.pValue)}, V = ${c.cramersV.toFixed(3)}`);
  }
  return out.join('\n') + '\n';
}

export interface SampleOpts {
  sample?: string;
  round?: string;
  allowIncomplete?: boolean;
  lonelyPsu: LonelyPsu;
}
interface ProfileOpts extends SampleOpts {
  db?: string;
  json?: boolean;
}

/** --round and --allow-incomplete need --sample; --allow-incomplete needs --round. */
export function checkSampleOptions(opts: SampleOpts): void {
  if (opts.round !== undefined && opts.sample === undefined) throw new VindexError('VDX_USAGE', '--round needs --sample: give the sample the round codes (vindex coding round show ID names it)');
  if (opts.allowIncomplete && opts.round === undefined) throw new VindexError('VDX_USAGE', '--allow-incomplete needs --round');
  if (opts.lonelyPsu !== 'fail' && opts.sample === undefined) throw new VindexError('VDX_USAGE', '--lonely-psu needs --sample');
}

export function registerProfile(program: Command): void {
  program
    .command('profile')
    .summary('compute the study profile of the victims in the store')
    .description(
      'Computes the descriptive profile of the ECPAT/INTERPOL study for unidentified victims, identified victims and all:\n' +
        'gender, age band, harmonised severity, ethnicity, offender visibility and gender, self-generated material, victims per series\n' +
        '(count, share, 95% Wilson interval), age band × severity and gender × severity (Pearson χ², df, p, Cramér\'s V), and identified-vs-unidentified comparisons.\n' +
        'With --json: { manifest, tables: [{ id, variable, population, rows: [{ category, count, share, lower, upper }] }], associations: [...], comparisons: [...] }.\n\n' +
        'With --sample ID the figures are design-based estimates for the frame of the stored sample (vindex sample create): series are the ' +
        'sampled units (weight N_h/n_h, stratum, fpc N_h); victims and offenders are all those of the sampled series, a one-stage ' +
        'stratified cluster sample of series. Each share is svymean of the category indicator (R survey; Taylor-linearised SE, t interval ' +
        'on the domain\'s PSUs − strata, design effect); the text output adds SE, deff and the estimated population total; --json adds ' +
        'standardError, designEffect, weightedTotal, degreesOfFreedom and manifest.sample. Cross-tabulations and comparisons stay ' +
        'UNWEIGHTED sample counts. See docs/design-based-estimation.md.\n\n' +
        'With --round ID (a coding round of that sample) the round\'s final values (agreed or adjudicated) replace the store\'s values of ' +
        'the variables it coded, the harmonised severity derived again; refused while values are unresolved or uncoded unless ' +
        '--allow-incomplete (then the store\'s value is used for those, and the header says how many).\n\n' +
        'Examples:\n  vindex profile\n  vindex profile --sample s1\n  vindex profile --sample s1 --round r1 --json',
    )
    .addOption(dbOption())
    .addOption(jsonOption())
    .option('--sample <id>', 'estimate from this stored sample (design-based: weights, strata, clusters, fpc)')
    .option('--round <id>', 'with --sample: use the final values of this coding round of the sample')
    .option('--allow-incomplete', 'with --round: use the store\'s value where the round has no final value yet')
    .addOption(lonelyPsuOption())
    .action(async (opts: ProfileOpts) => {
      checkSampleOptions(opts);
      const { computeProfile, computeSampleProfile } = await import('../../profile/index.ts');
      const profile = await withStore(opts.db, (store) =>
        opts.sample === undefined
          ? computeProfile(store)
          : computeSampleProfile(store, opts.sample, { ...(opts.round === undefined ? {} : { roundId: opts.round }), allowIncomplete: opts.allowIncomplete === true, lonelyPsu: opts.lonelyPsu }),
      );
      if (opts.json) printJson(profile);
      else process.stdout.write(profileText(profile));
    });
}
