import type { Command } from 'commander';
import type { AdjudicationOutcome } from '../../coding/adjudicate.ts';
import type { Disagreement } from '../../coding/disagreements.ts';
import type { UnitProvenance } from '../../coding/final-values.ts';
import type { Coefficient, RoundReliability, VariableReliability } from '../../coding/reliability.ts';
import { VindexError } from '../../errors.ts';
import { byOption, dbOption, jsonOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';
import { table } from './coding-rounds.ts';

const num = (x: number): string => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));
const coef = (c: Coefficient | null): string => (c === null ? '—' : Number.isNaN(c.value) ? 'n/a' : `${num(c.value)} [${num(c.lower)}, ${num(c.upper)}]`);

function numberOption(text: string | undefined, option: string, check: (x: number) => boolean, what: string): number | undefined {
  if (text === undefined) return undefined;
  const x = text.trim() === '' ? NaN : Number(text);
  if (!check(x)) throw new VindexError('VDX_USAGE', `${option} must be ${what}; got ${text}`);
  return x;
}

function reliabilityText(r: RoundReliability): string {
  const t = r.thresholds;
  const rows = r.variables.map((v: VariableReliability) => [
    v.variable,
    v.level,
    String(v.units),
    coef(v.percentAgreement),
    r.coders.length === 2 ? coef(v.cohenKappa) : v.pairwiseKappa.length ? 'per pair ↓' : '—',
    coef(v.fleissKappa),
    coef(v.krippendorffAlpha),
    v.verdict,
  ]);
  let text =
    `round ${r.roundId} of sample ${r.sampleId}: coders ${r.coders.join(', ')}\n` +
    `${Math.round(r.level * 100)}% percentile bootstrap intervals over units (${r.bootstrap.replicates} replicates, seed ${r.bootstrap.seed}); ` +
    `κ weights for ordinal and count variables: ${r.variables.find((v) => v.kappaWeights !== 'none')?.kappaWeights ?? 'n/a'}\n` +
    `verdict from α: reliable ≥ ${t.reliable}, tentative ≥ ${t.tentative}, else unreliable; insufficient below ${t.minimumUnits} pairable units (Krippendorff 2004, §11.4)\n\n` +
    table([['variable', 'level', 'units', '% agreement', 'Cohen κ', 'Fleiss κ', 'Krippendorff α', 'verdict'], ...rows], 2);
  const pairs = r.variables.flatMap((v) => v.pairwiseKappa.map((p) => [v.variable, `${p.coders[0]}+${p.coders[1]}`, String(p.units), coef(p.kappa)]));
  if (pairs.length) text += '\nCohen κ per coder pair\n' + table([['variable', 'coders', 'units', 'κ'], ...pairs], 2);
  return text;
}

function disagreementsText(d: readonly Disagreement[], all: boolean): string {
  if (d.length === 0) return all ? 'no disagreements\n' : 'no unresolved disagreements\n';
  const rows = d.map((x) => [x.record, x.unitKey, x.variable, x.values.map((v) => `${v.coder}=${v.value}`).join(' '), x.adjudication ? `${x.adjudication.value} (${x.adjudication.reason}, ${x.adjudication.adjudicator})` : '—']);
  return table([['record', 'unit', 'variable', 'coders', 'adjudicated'], ...rows], 5) + `\n${d.length} ${all ? '' : 'unresolved '}disagreement(s)\n`;
}

function adjudicatedText(out: readonly AdjudicationOutcome[]): string {
  return out.map((o) => `${o.record} ${o.unitKey} ${o.variable}: ${o.value} (${o.reason})${o.previous !== null ? `, was ${o.previous}` : ''}; coders ${Object.entries(o.coderValues).map(([c, v]) => `${c}=${v}`).join(' ')}\n`).join('') + `${out.length} decision(s) recorded\n`;
}

function historyText(p: UnitProvenance): string {
  const rows: string[][] = [];
  for (const v of p.variables) {
    for (const c of v.codings) rows.push([v.variable, 'coded', c.coder, c.value, c.codedAt, c.codebookVersion]);
    if (v.adjudication) rows.push([v.variable, `adjudicated (${v.adjudication.reason})`, v.adjudication.adjudicator, v.adjudication.value, v.adjudication.decidedAt, v.adjudication.codebookVersion]);
    rows.push([v.variable, `final: ${v.status}`, '', v.final ?? '—', '', '']);
  }
  return `round ${p.roundId}, ${p.record} ${p.unitKey} (series ${p.seriesKey})\n\n` + table([['variable', 'what', 'who', 'value', 'when', 'codebook'], ...rows], 6);
}

/** `vindex coding reliability | disagreements | adjudicate | history`. */
export function registerCodingReview(coding: Command): void {
  coding
    .command('reliability')
    .summary('inter-coder reliability of a round, per variable')
    .description(
      'Per variable of the round, over the units coded by two or more coders: percent agreement, Cohen\'s κ (the two coders; with more, per coder pair), ' +
        'Fleiss\' κ (units with the round\'s raters-per-overlap codings), Krippendorff\'s α at the variable\'s level (nominal, ordinal, ratio for counts), ' +
        'each with a seeded percentile bootstrap interval over units, and a verdict from α. κ is weighted for ordinal and count variables (linear by default). ' +
        'notDeterminable is a category of nominal variables and missing on ordinal and count scales (except in percent agreement). ' +
        'When the round codes severity scale and code, the harmonised victim.severity is reported too. See docs/reliability.md.',
    )
    .addHelpText('after', '\nExamples:\n  vindex coding reliability --round r1\n  vindex coding reliability --round r1 --replicates 2000 --seed 7 --kappa-weights quadratic --json\n  vindex coding reliability --round r1 --reliable 0.8 --tentative 0.667 --min-units 20\n')
    .requiredOption('--round <id>', 'the coding round')
    .option('--replicates <n>', 'bootstrap replicates (default 1000)')
    .option('--seed <n>', 'bootstrap seed, an integer from 1 to 4294967295 (default 1)')
    .option('--level <p>', 'confidence level of the intervals (default 0.95)')
    .option('--kappa-weights <w>', 'weights of Cohen\'s κ for ordinal and count variables: linear or quadratic (default linear)')
    .option('--reliable <alpha>', 'α at or above which a variable is reliable (default 0.8)')
    .option('--tentative <alpha>', 'α at or above which a variable is tentatively reliable (default 0.667)')
    .option('--min-units <n>', 'fewer pairable units than this gives the verdict insufficient (default 10)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { round: string; replicates?: string; seed?: string; level?: string; kappaWeights?: string; reliable?: string; tentative?: string; minUnits?: string; db?: string; json?: boolean }) => {
      const weights = opts.kappaWeights;
      if (weights !== undefined && weights !== 'linear' && weights !== 'quadratic') throw new VindexError('VDX_USAGE', `--kappa-weights must be linear or quadratic; got ${weights}`);
      const replicates = numberOption(opts.replicates, '--replicates', (x) => Number.isInteger(x) && x >= 1 && x <= 100000, 'an integer from 1 to 100000');
      const seed = numberOption(opts.seed, '--seed', (x) => Number.isInteger(x) && x >= 1 && x < 2 ** 32, 'an integer from 1 to 4294967295');
      const level = numberOption(opts.level, '--level', (x) => x > 0 && x < 1, 'strictly between 0 and 1');
      const reliable = numberOption(opts.reliable, '--reliable', (x) => x >= -1 && x <= 1, 'a number from -1 to 1');
      const tentative = numberOption(opts.tentative, '--tentative', (x) => x >= -1 && x <= 1, 'a number from -1 to 1');
      const minimumUnits = numberOption(opts.minUnits, '--min-units', (x) => Number.isInteger(x) && x >= 1, 'a positive integer');
      const thresholds = { ...(reliable !== undefined && { reliable }), ...(tentative !== undefined && { tentative }), ...(minimumUnits !== undefined && { minimumUnits }) };
      if ((thresholds.tentative ?? 0.667) > (thresholds.reliable ?? 0.8)) throw new VindexError('VDX_USAGE', `--tentative (${thresholds.tentative ?? 0.667}) must not be above --reliable (${thresholds.reliable ?? 0.8})`);
      const { computeRoundReliability } = await import('../../coding/reliability.ts');
      const r = await withStore(opts.db, (store) =>
        computeRoundReliability(store, opts.round, { ...(level !== undefined && { level }), ...(replicates !== undefined && { replicates }), ...(seed !== undefined && { seed }), ...(weights !== undefined && { kappaWeights: weights }), thresholds }),
      );
      if (opts.json) printJson(r);
      else process.stdout.write(reliabilityText(r));
    });

  coding
    .command('disagreements')
    .summary('units and variables on which the coders of a round differ')
    .description('Every unit × variable of the round where the coders\' values differ, with each coder\'s value and the adjudication if any. By default only the unresolved ones (not yet adjudicated); --all lists adjudicated ones too.')
    .addHelpText(
      'after',
      '\nExamples:\n  vindex coding disagreements --round r1\n  vindex coding disagreements --round r1 --variable victim.ageBand --all --json\n' +
        '  vindex coding disagreements --round r1 --template decisions.csv   # fill value and reason, then: vindex coding adjudicate --round r1 --file decisions.csv\n',
    )
    .requiredOption('--round <id>', 'the coding round')
    .option('--variable <name>', 'one variable of the round')
    .option('--all', 'include adjudicated disagreements')
    .option('--template <file>', 'also write a decisions file (unit,variable,value,reason) of the unresolved ones to fill in: a strict majority is proposed with reason majority, other rows are blank')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { round: string; variable?: string; all?: boolean; template?: string; db?: string; json?: boolean }) => {
      const { listDisagreements } = await import('../../coding/disagreements.ts');
      const d = await withStore(opts.db, (store) => listDisagreements(store, opts.round, { unresolvedOnly: !opts.all, ...(opts.variable !== undefined && { variable: opts.variable }) }));
      if (opts.template !== undefined) {
        const [{ decisionTemplate }, { writeFileAtomic }] = await Promise.all([import('../../coding/decision-template.ts'), import('../../coding/sheet-export.ts')]);
        writeFileAtomic(opts.template, decisionTemplate(d));
        process.stderr.write(`wrote ${opts.template}: ${d.filter((x) => x.adjudication === null).length} decision(s) to make\n`);
      }
      if (opts.json) printJson(d);
      else process.stdout.write(disagreementsText(d, !!opts.all));
    });

  coding
    .command('adjudicate')
    .summary('decide the final value of a unit × variable of a round')
    .description(
      'Records adjudicated values, which override the coders\' values (also where they agreed). A value is a code, label or alias of the variable, checked as in coder sheets; ' +
        'the reason is a code: majority, codebook-rule, coder-error, consensus, source-record or other — no free text. One decision with --unit/--variable/--value/--reason, ' +
        'or many from --file (CSV with columns unit,variable,value,reason). All decisions are checked first; any problem refuses all of them, naming file, line and field. ' +
        'Deciding a unit × variable again replaces the earlier decision; the audit log keeps both. A closed round is refused.',
    )
    .addHelpText('after', '\nExamples:\n  vindex coding adjudicate --round r1 --unit 3f9c… --variable victim.ageBand --value pubescent --reason majority --by lead\n  vindex coding adjudicate --round r1 --file decisions.csv --by lead --json\n')
    .requiredOption('--round <id>', 'the coding round')
    .option('--unit <key>', 'series or victim key of the unit')
    .option('--variable <name>', 'variable of the round')
    .option('--value <code>', 'the decided code')
    .option('--reason <code>', 'majority | codebook-rule | coder-error | consensus | source-record | other')
    .option('--file <csv>', 'decisions file with columns unit,variable,value,reason')
    .addOption(byOption())
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { round: string; unit?: string; variable?: string; value?: string; reason?: string; file?: string; by?: string; db?: string; json?: boolean }) => {
      const single = [opts.unit, opts.variable, opts.value, opts.reason];
      if (opts.file !== undefined && single.some((x) => x !== undefined)) throw new VindexError('VDX_USAGE', 'give either --file or --unit/--variable/--value/--reason, not both');
      if (opts.file === undefined && single.some((x) => x === undefined)) throw new VindexError('VDX_USAGE', 'give --unit, --variable, --value and --reason (or --file decisions.csv)');
      const [{ adjudicate }, { readDecisions }, { resolveActor }] = await Promise.all([import('../../coding/adjudicate.ts'), import('../../coding/adjudication-file.ts'), import('../../audit/index.ts')]);
      const actor = resolveActor(opts.by);
      const decisions = opts.file !== undefined ? await readDecisions(opts.file) : [{ unitKey: opts.unit!, variable: opts.variable!, value: opts.value!, reason: opts.reason! }];
      const out = await withStore(opts.db, (store) => adjudicate(store, { roundId: opts.round, decisions, actor, ...(opts.file !== undefined && { file: opts.file }) }));
      if (opts.json) printJson(out);
      else process.stdout.write(adjudicatedText(out));
    });

  coding
    .command('history')
    .summary('who coded a unit of a round, when, under which codebook, and its final values')
    .description('For one series or victim of the round, per variable: every coder\'s value with when it was coded and the codebook version, the adjudication, and the final value (adjudicated, agreed, single, unresolved or uncoded).')
    .addHelpText('after', '\nExample:\n  vindex coding history --round r1 --unit 3f9c… --json\n')
    .requiredOption('--round <id>', 'the coding round')
    .requiredOption('--unit <key>', 'series or victim key')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { round: string; unit: string; db?: string; json?: boolean }) => {
      const { finalValueProvenance } = await import('../../coding/final-values.ts');
      const p = await withStore(opts.db, (store) => finalValueProvenance(store, opts.round, opts.unit));
      if (opts.json) printJson(p);
      else process.stdout.write(historyText(p));
    });
}
