import { Option, type Command } from 'commander';
import { VindexError } from '../../errors.ts';
import type { Dimension, IndicatorDefinition, IndicatorResult, IndicatorSet, Observation } from '../../indicators/index.ts';
// types.ts imports nothing: the indicator modules themselves stay lazily loaded.
import { DIMENSIONS } from '../../indicators/types.ts';
import { formatP } from '../../report/format.ts';
import type { LonelyPsu } from '../../stats/survey/design.ts';
import { dbOption, jsonOption, lonelyPsuOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';

/** Printed on stderr by every unprotected computation: the analyst's view; releases go through `vindex release create`. */
export const UNPROTECTED_WARNING =
  'vindex: warning: these indicator figures are NOT disclosure-protected (small cells are not suppressed); do not publish them — vindex release create protects, audits and writes them\n';

/** `--by country,year` → dimensions, refusing unknown names. */
export function parseBy(text: string | undefined): Dimension[] {
  if (text === undefined || text.trim() === '') return [];
  const dims = text.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = dims.filter((d) => !DIMENSIONS.includes(d as Dimension));
  if (bad.length > 0) throw new VindexError('VDX_USAGE', `--by: unknown dimension ${bad.map((b) => `"${b}"`).join(', ')} (allowed: ${DIMENSIONS.join(', ')})`);
  return dims as Dimension[];
}

function unitText(d: IndicatorDefinition): string {
  if (d.unit === 'share') return d.time ? `share within ${d.time.horizonYears} y (Kaplan–Meier)` : 'share';
  if (d.unit === 'median-time') return 'median years (Kaplan–Meier)';
  if (d.unit === 'rate') return `rate per ${d.per}`;
  return 'count';
}

export function definitionsText(defs: readonly IndicatorDefinition[]): string {
  const out: string[] = [];
  for (const d of defs) {
    out.push(`${d.id}  — ${d.title}`, `  unit: ${unitText(d)} · ${d.entity} · interval: ${d.interval} · by: ${d.disaggregations.join(', ') || '(totals only)'}`, `  ${d.definition}`, '');
  }
  return out.join('\n');
}

function valueText(def: IndicatorDefinition, x: number | null): string {
  if (x === null) return '–';
  if (def.unit === 'share') return `${(100 * x).toFixed(1)}%`;
  if (def.unit === 'count') return Number.isInteger(x) ? String(x) : x.toFixed(1);
  return x.toFixed(2);
}

function observationLine(def: IndicatorDefinition, o: Observation, by: readonly Dimension[]): string {
  const dims = by.map((d) => (o.dims[d] ?? '(all)').slice(0, 18).padEnd(d === 'region' ? 18 : 10)).join(' ');
  const label = dims === '' ? '(total)'.padEnd(10) : dims;
  if (o.status === 'no-data') return `  ${label}  no data${o.denominator !== null ? ` (n = ${o.denominator})` : ''}`;
  const value = o.status === 'not-reached' ? `> ${valueText(def, o.value)}` : valueText(def, o.value);
  // NA, as R prints a limit it cannot estimate (e.g. the upper limit of a median not reached).
  const ci = o.lower !== null || o.upper !== null ? ` [${o.lower === null ? 'NA' : valueText(def, o.lower)}–${o.upper === null ? 'NA' : valueText(def, o.upper)}]` : '';
  const counts = o.denominator !== null ? ` ${o.numerator}/${o.denominator}` : '';
  return `  ${label}  ${(value + ci).padEnd(26)}${counts}${o.status === 'not-reached' ? '  (median not reached)' : ''}`;
}

/** "= 0.270" or "< 0.001". */
const pText = (p: number): string => (p < 0.001 ? formatP(p) : `= ${formatP(p)}`);

function resultText(r: IndicatorResult): string[] {
  const d = r.definition;
  const out = [`${d.id} — ${d.title} (${unitText(d)}${r.estimator === 'design' ? ', design-based: weighted share, t interval; counts are sampled units' : ''})`];
  const header = r.by.length === 0 ? '' : r.by.map((b) => b.padEnd(b === 'region' ? 18 : 10)).join(' ');
  if (header) out.push(`  ${header}  value [95% interval]         ${d.unit === 'count' ? '' : d.time ? 'events/units' : 'numerator/denominator'}`);
  for (const o of r.observations) out.push(observationLine(d, o, r.by));
  if (r.trend) out.push(`  trend over years (${r.trend.test}): χ² = ${r.trend.statistic.toFixed(2)}, p ${pText(r.trend.pValue)}${r.trend.slope !== undefined ? `, slope ${(100 * r.trend.slope).toFixed(2)} percentage points per year` : ''}`);
  if (r.by.includes('country') || r.by.includes('region')) out.push(`  aggregation: ${r.aggregationNote}`);
  out.push('');
  return out;
}

export function indicatorSetText(set: IndicatorSet): string {
  const m = set.manifest;
  const out = [
    `Indicators — ${m.basis}${m.synthetic ? ' · SYNTHETIC DATA' : ''} · data date ${m.dataDate} · snapshot ${m.snapshotHash.slice(0, 16)} · codebook ${m.codebookVersion} · vindex ${m.softwareVersion}`,
    'UNPROTECTED: not disclosure-checked; for analysts only, not for release.',
    '',
  ];
  for (const r of set.results) out.push(...resultText(r));
  for (const o of m.omitted ?? []) out.push(`${o.indicator}: not computed — ${o.reason}`);
  return out.join('\n');
}

interface ComputeOpts {
  db?: string;
  json?: boolean;
  by?: string;
  indicator?: string[];
  definitions?: string;
  dataDate?: string;
  aggregation: 'pooled' | 'equal-country';
  level: string;
  sample?: string;
  lonelyPsu: LonelyPsu;
}

export function registerIndicators(program: Command): void {
  const indicators = program
    .command('indicators')
    .summary('list and compute the global indicators (by country, region, year, …)')
    .description('Declarative indicators on unidentified victims (shares, counts, Kaplan–Meier times) with intervals, margins and trends. See docs/indicators.md.');

  indicators
    .command('list')
    .summary('list the indicator definitions')
    .description(
      'Lists every indicator: id, title, unit, unit of analysis, interval method, allowed breakdowns and its plain-language definition. ' +
        'With --definitions FILE the user definitions (YAML or JSON; format in docs/indicators.md) are validated and listed after the built-in ones.\n\n' +
        'Examples:\n  vindex indicators list\n  vindex indicators list --definitions my-indicators.yaml --json',
    )
    .option('--definitions <file>', 'also load user definitions from this YAML or JSON file')
    .addOption(jsonOption())
    .action(async (opts: { definitions?: string; json?: boolean }) => {
      const { allDefinitions } = await import('../../indicators/index.ts');
      const defs = allDefinitions(opts.definitions);
      if (opts.json) printJson(defs);
      else process.stdout.write(definitionsText(defs));
    });

  indicators
    .command('compute')
    .summary('compute indicators over the store')
    .description(
      [
        'Computes every indicator (or those named by --indicator) over all series and victims in the store, or with --sample from a stored sample.',
        'Shares: Wilson interval. Counts: exact (Garwood) Poisson interval. Times: Kaplan–Meier from first sighting, series not identified censored at the data date (--data-date, else the latest date in the data); the median with survfit\'s default (log) interval, and the shares identified within 1, 2 and 5 years as 1 − S(t).',
        '--by breaks down by country (the indicator\'s country variable), region, year of first sighting, ageBand, gender (victim indicators only) and source; each indicator uses the dimensions it allows. Every margin is printed: countries, their regions and the total, crossed with every subset of the other dimensions. With year, shares get a Cochran–Armitage test for trend over years. Regional and global shares pool their units (countries weigh by their number of units) unless --aggregation equal-country (the mean of country shares).',
        'With --sample ID, share indicators are design-based estimates for the frame of the stored sample (weights, strata, fpc; victims clustered by series; R survey svymean over subset(design, denominator & cell), t interval, SE and design effect in --json); counts and Kaplan–Meier indicators are omitted (listed in manifest.omitted), and no trend test is computed.',
        'With --json: the IndicatorSet { manifest, results: [{ definition, by, observations: [{ indicator, dims, value, lower, upper, numerator, denominator, status }], trend?, aggregation, aggregationNote }] }. See docs/indicators.md.',
        'The figures are NOT disclosure-protected: a warning is printed on stderr; do not publish them. vindex release create computes the same indicators, protects their counts (suppression with an LP audit, rounding or noise) and writes the release (CSV, SDMX, report, PDF, manifest).',
        'Examples:\n  vindex indicators compute\n  vindex indicators compute --by country,year --json\n  vindex indicators compute --indicator victims-unidentified --by region\n  vindex indicators compute --definitions mine.yaml --data-date 2025-12-31\n  vindex indicators compute --sample s1 --by region',
      ].join('\n\n'),
    )
    .addOption(dbOption())
    .addOption(jsonOption())
    .option('--by <dims>', `comma-separated breakdown: ${DIMENSIONS.join(', ')}`)
    .option('--indicator <id...>', 'compute only these indicators (repeat or list; see vindex indicators list)')
    .option('--definitions <file>', 'add user definitions from this YAML or JSON file')
    .option('--data-date <date>', 'censoring date YYYY-MM-DD of the time indicators (default: latest date in the data)')
    .addOption(new Option('--aggregation <method>', 'how regional and global shares weight countries').choices(['pooled', 'equal-country']).default('pooled'))
    .option('--level <p>', 'confidence level of the intervals', '0.95')
    .option('--sample <id>', 'design-based shares for the frame of this stored sample (vindex sample create); other indicators are omitted')
    .addOption(lonelyPsuOption())
    .action(async (opts: ComputeOpts) => {
      const by = parseBy(opts.by);
      const level = Number(opts.level);
      if (!(level > 0 && level < 1)) throw new VindexError('VDX_USAGE', `--level must be between 0 and 1, got "${opts.level}"`);
      if (opts.sample !== undefined && opts.aggregation !== 'pooled') throw new VindexError('VDX_USAGE', '--aggregation equal-country is for the census; with --sample regional and global shares are domains of the design');
      if (opts.lonelyPsu !== 'fail' && opts.sample === undefined) throw new VindexError('VDX_USAGE', '--lonely-psu needs --sample');
      const ids = (opts.indicator ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
      const { allDefinitions, computeIndicators } = await import('../../indicators/index.ts');
      const definitions = allDefinitions(opts.definitions);
      const set = await withStore(opts.db, (store) =>
        computeIndicators(store, {
          by, definitions, indicators: ids, level, aggregation: opts.aggregation, lonelyPsu: opts.lonelyPsu,
          ...(opts.dataDate === undefined ? {} : { dataDate: opts.dataDate }),
          ...(opts.sample === undefined ? {} : { sample: opts.sample }),
        }),
      );
      process.stderr.write(UNPROTECTED_WARNING);
      if (opts.json) printJson(set);
      else process.stdout.write(indicatorSetText(set));
    });
}
