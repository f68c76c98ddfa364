import type { Command } from 'commander';
import { VindexError } from '../../errors.ts';
import type { CreatedRound } from '../../coding/round.ts';
import type { SheetFormat } from '../../coding/sheet-export.ts';
import type { RoundStatus } from '../../coding/status.ts';
import type { CodingRound } from '../../coding/variables.ts';
import { byOption, dbOption, jsonOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';

interface CreateOptions {
  db?: string;
  by?: string;
  json?: boolean;
  sample?: string;
  coders?: string;
  overlap?: string;
  ratersPerOverlap?: string;
  variables?: string;
  seed?: string;
  id?: string;
}

const list = (text: string): string[] =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function formatOption(text: string): SheetFormat {
  if (text !== 'csv' && text !== 'jsonl') throw new VindexError('VDX_USAGE', `--format must be csv or jsonl; got ${text}`);
  return text;
}

function shareOption(text: string | undefined, option: string): number {
  const x = text === undefined || text.trim() === '' ? NaN : Number(text);
  if (!Number.isFinite(x) || x < 0 || x > 1) throw new VindexError('VDX_USAGE', `${option} must be a share from 0 to 1; got ${text ?? '(nothing)'}`);
  return x;
}

/** Rows as aligned columns: the first `left` left-aligned, the others right-aligned. Also used by coding-review.ts. */
export function table(rows: readonly (readonly string[])[], left = 1): string {
  const widths = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!.length)));
  return rows.map((r) => r.map((c, j) => (j < left ? c.padEnd(widths[j]!) : c.padStart(widths[j]!))).join('  ').trimEnd()).join('\n') + '\n';
}

function roundText(r: CodingRound): string {
  const state = r.closedAt ? `closed ${r.closedAt} by ${r.closedBy}` : 'open';
  return (
    `round ${r.id} of sample ${r.sampleId} (${state}); created ${r.createdAt} by ${r.createdBy}\n` +
    `coders: ${r.coders.join(', ')}\n` +
    `overlap: ${r.overlap} of the units, ${r.ratersPerOverlap} coders each; seed ${r.seed}; codebook ${r.codebookVersion}\n` +
    `variables: ${r.variables.join(', ')}\n`
  );
}

function createdText(c: CreatedRound): string {
  const pairs = Object.entries(c.pairs);
  return (
    roundText(c.round) +
    `\n${c.units} series, ${c.overlapUnits} of them coded by ${c.round.ratersPerOverlap} coders\n\n` +
    table([['coder', 'series'], ...Object.entries(c.workload).map(([k, v]) => [k, String(v)])]) +
    (c.overlapUnits > 0 && pairs.length > 0 ? '\n' + table([['coder pair', 'shared series'], ...pairs.map(([k, v]) => [k, String(v)])]) : '')
  );
}

function statusText(s: RoundStatus): string {
  const rows = s.coders.map((c) => [c.coder, String(c.unitsAssigned), String(c.unitsComplete), String(c.unitsRemaining), `${c.valuesCoded}/${c.valuesExpected}`]);
  const o = s.overall;
  const disagreements = `unresolved disagreements: ${s.unresolvedDisagreements}\n`;
  return (
    `round ${s.round.id} (${s.round.closedAt ? 'closed' : 'open'}): ${o.unitsComplete} of ${o.unitsAssigned} series complete, ${o.valuesCoded} of ${o.valuesExpected} values coded, ${o.overlapUnits} overlap series\n\n` +
    table([['coder', 'assigned', 'complete', 'remaining', 'values'], ...rows]) +
    '\n' +
    disagreements +
    (s.round.closedAt ? '' : s.blockers.length ? `blocks closing:\n${s.blockers.map((b) => `  - ${b}`).join('\n')}\n` : `nothing blocks closing: \`vindex coding round close ${s.round.id}\`\n`)
  );
}

function registerRound(coding: Command): void {
  const round = coding
    .command('round')
    .summary('create, list, show and close coding rounds')
    .description('A coding round assigns every series of a stored sample to named coders, with a seeded share coded by several coders for the reliability study. See docs/coding.md.');

  round
    .command('create')
    .summary('assign a sample to coders, with overlap units for reliability')
    .description(
      'Creates a coding round over every series of a stored sample and stores the assignment (round and assignment rows plus an audit entry, in one transaction).\n\n' +
        'round(overlap × n) series, chosen by a seeded MT19937 shuffle, go to --raters-per-overlap distinct coders each; every other series to one coder. ' +
        'Workloads differ by at most one series, and the coder pairs sharing overlap series are balanced so Cohen\'s κ can be computed for every pair. ' +
        'The same sample, coders, overlap and seed always give the same assignment. A coder codes the series and each of its victims.',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  vindex coding round create --sample s1 --coders alice,bob,carol --overlap 0.3 --seed 1\n' +
        '  vindex coding round create --sample s1 --coders alice,bob,carol,dan --overlap 1 --raters-per-overlap 3 --seed 2 \\\n' +
        '      --variables victim.gender,victim.ageBand,victim.severityScale,victim.severityCode --id pilot\n',
    )
    .option('--sample <id>', 'the stored sample to code (required; `vindex sample list`)')
    .option('--coders <names>', 'comma-separated coder names (lower-case letter first; required)')
    .option('--overlap <share>', 'share of series coded by several coders, 0 … 1 (required; 1 = every series)')
    .option('--raters-per-overlap <k>', 'coders per overlap series, 2 … number of coders', '2')
    .option('--variables <list>', 'comma-separated codebook variables to code, in sheet-column order (default: series.victimCount, series.selfGenerated, series.paraphilicThemes, victim.gender, victim.ageBand, victim.severityScale, victim.severityCode, victim.penetration)')
    .option('--seed <s>', 'seed of the assignment, 0 … 4294967295 (required; record it)')
    .option('--id <name>', "the round's id (default: the next free r1, r2, …)")
    .addOption(dbOption())
    .addOption(byOption())
    .addOption(jsonOption())
    .action(async (opts: CreateOptions) => {
      const [{ createRound }, { resolveActor }, { parseWholeNumber, MAX_SAMPLING_SEED }] = await Promise.all([import('../../coding/round.ts'), import('../../audit/index.ts'), import('../../sampling/index.ts')]);
      if (!opts.sample) throw new VindexError('VDX_USAGE', 'name the sample with --sample ID (`vindex sample list`)');
      if (!opts.coders) throw new VindexError('VDX_USAGE', 'name the coders with --coders alice,bob,…');
      if (opts.seed === undefined) throw new VindexError('VDX_USAGE', 'give a seed with --seed S (any whole number 0 … 4294967295; it makes the assignment reproducible)');
      const input = {
        sampleId: opts.sample,
        coders: list(opts.coders),
        overlap: shareOption(opts.overlap, '--overlap'),
        ratersPerOverlap: parseWholeNumber(opts.ratersPerOverlap, '--raters-per-overlap', 2),
        seed: parseWholeNumber(opts.seed, '--seed', 0, MAX_SAMPLING_SEED),
        actor: resolveActor(opts.by),
        ...(opts.variables !== undefined ? { variables: list(opts.variables) } : {}),
        ...(opts.id !== undefined ? { id: opts.id } : {}),
      };
      const created = await withStore(opts.db, (store) => createRound(store, input));
      if (opts.json) printJson({ ...created.round, units: created.units, overlapUnits: created.overlapUnits, workload: created.workload, pairs: created.pairs });
      else process.stdout.write(createdText(created) + `\nexport the sheets with \`vindex coding export-sheet --round ${created.round.id} --out-dir DIR\`\n`);
    });

  round
    .command('list')
    .summary('list the coding rounds of the store')
    .addHelpText('after', '\nExample:\n  vindex coding round list --json\n')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { listRounds } = await import('../../coding/round.ts');
      const rounds = await withStore(opts.db, (store) => listRounds(store));
      if (opts.json) printJson(rounds);
      else if (rounds.length === 0) process.stdout.write('no coding rounds yet: `vindex coding round create --help`\n');
      else process.stdout.write(table([['round', 'sample', 'coders', 'overlap', 'state'], ...rounds.map((r) => [r.id, r.sampleId, String(r.coders.length), String(r.overlap), r.closedAt ? 'closed' : 'open'])], 2));
    });

  round
    .command('show')
    .summary('show a round: coders, variables, design and progress')
    .addHelpText('after', '\nExample:\n  vindex coding round show r1 --json\n')
    .argument('<id>', 'round id (see `vindex coding round list`)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (id: string, opts: { db?: string; json?: boolean }) => {
      const { roundStatus } = await import('../../coding/status.ts');
      const status = await withStore(opts.db, (store) => roundStatus(store, id));
      if (opts.json) printJson(status);
      else process.stdout.write(roundText(status.round) + '\n' + statusText(status));
    });

  round
    .command('close')
    .summary('close a finished round (refused while coders have units left or disagreements are open)')
    .description('Closes the round: no sheet is accepted afterwards. Refused, listing what blocks it, while a coder has incomplete units or coders\' disagreements are not adjudicated.')
    .addHelpText('after', '\nExample:\n  vindex coding round close r1 --by lead\n')
    .argument('<id>', 'round id')
    .addOption(dbOption())
    .addOption(byOption())
    .addOption(jsonOption())
    .action(async (id: string, opts: { db?: string; by?: string; json?: boolean }) => {
      const [{ closeRound }, { resolveActor }] = await Promise.all([import('../../coding/round.ts'), import('../../audit/index.ts')]);
      const actor = resolveActor(opts.by);
      const closed = await withStore(opts.db, (store) => closeRound(store, id, actor));
      if (opts.json) printJson(closed);
      else process.stdout.write(`closed round ${closed.id} (${closed.closedAt}, ${closed.closedBy})\n`);
    });
}

function registerSheets(coding: Command): void {
  coding
    .command('export-sheet')
    .summary("write a coder's sheet (CSV or JSON Lines) to fill in")
    .description(
      'Writes a coder sheet: one row per series assigned to the coder (record=series), each followed by one row per victim of the series (record=victim). ' +
        'Columns: round, coder, record, series (series key), unit (series or victim key), then one column per round variable; series variables stay empty ' +
        'on victim rows and victim variables on series rows. Values the coder has already given are filled in, so a coder can continue. ' +
        'Sheets hold keys and codes only: no media, no free text.',
    )
    .addHelpText('after', '\nExamples:\n  vindex coding export-sheet --round r1 --coder alice --out r1-alice.csv\n  vindex coding export-sheet --round r1 --out-dir sheets --format jsonl   # one file per coder: sheets/r1-alice.jsonl, …\n')
    .option('--round <id>', 'the round (required)')
    .option('--coder <name>', 'the coder (required with --out; with --out-dir, only this coder)')
    .option('--format <format>', 'csv | jsonl', 'csv')
    .option('--out <file>', "write one coder's sheet to FILE")
    .option('--out-dir <dir>', 'write a sheet per coder into DIR as ROUND-CODER.csv')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { round?: string; coder?: string; format: string; out?: string; outDir?: string; db?: string; json?: boolean }) => {
      const { writeSheets } = await import('../../coding/sheet-export.ts');
      if (!opts.round) throw new VindexError('VDX_USAGE', 'name the round with --round ID');
      const format = formatOption(opts.format);
      const written = await withStore(opts.db, (store) => writeSheets(store, opts.round!, { format, ...(opts.coder ? { coder: opts.coder } : {}), ...(opts.out ? { out: opts.out } : {}), ...(opts.outDir ? { outDir: opts.outDir } : {}) }));
      if (opts.json) printJson(written);
      else for (const w of written) process.stdout.write(`${w.file}: ${w.coder}, ${w.units} series, ${w.rows} rows\n`);
    });

  coding
    .command('import-sheet')
    .summary("import filled-in coder sheets (all checked first; any problem refuses all)")
    .description(
      'Imports coder sheets. Each file is scanned for image and video bytes, then every row is checked: the round exists and is open, the coder is one of ' +
        'its coders and the same on every row, the columns are the sheet columns and round variables, every unit is assigned to that coder (a victim: its series), ' +
        'no unit appears twice, and every value is a code, label or alias of its variable (a severity code must exist on the scale coded on its row). ' +
        'Any problem refuses every file and writes nothing (exit 2), listing file, line, field, value and what is allowed.\n\n' +
        'Otherwise values are stored as canonical codes with the sheet\'s SHA-256; a value given again replaces the coder\'s earlier one, a cell left empty ' +
        'removes it (the sheet is the coder\'s current coding of its rows), and an audit entry records each sheet. Importing the same content again changes nothing.',
    )
    .addHelpText('after', '\nExamples:\n  vindex coding import-sheet r1-alice.csv --by alice\n  vindex coding import-sheet sheets/*.csv\n')
    .argument('<files...>', 'sheet files (.csv or .jsonl)')
    .addOption(dbOption())
    .addOption(byOption())
    .addOption(jsonOption())
    .action(async (files: string[], opts: { db?: string; by?: string; json?: boolean }) => {
      const [{ importSheets }, { resolveActor }] = await Promise.all([import('../../coding/sheet-import.ts'), import('../../audit/index.ts')]);
      const actor = resolveActor(opts.by);
      const results = await withStore(opts.db, (store) => importSheets(store, files, { actor }));
      if (opts.json) printJson(results);
      else
        for (const r of results) {
          process.stdout.write(
            r.unchanged
              ? `${r.file}: round ${r.round}, coder ${r.coder}: already imported, nothing changed (sheet ${r.sheetHash.slice(0, 12)})\n`
              : `${r.file}: round ${r.round}, coder ${r.coder}: ${r.values} value(s) written, ${r.removed} removed, ${r.coded} coded in ${r.units} rows (sheet ${r.sheetHash.slice(0, 12)})\n`,
          );
        }
    });
}

function registerStatus(coding: Command): void {
  coding
    .command('status')
    .summary('progress of coding rounds and what blocks closing them')
    .description(
      'Per coder: series assigned, complete (every round variable coded for the series and all its victims), remaining, and values coded of those expected; ' +
        'overall; and what blocks closing the round: coders with remaining series, and disagreements not yet adjudicated.',
    )
    .addHelpText('after', '\nExamples:\n  vindex coding status\n  vindex coding status --round r1 --json\n')
    .option('--round <id>', 'one round (default: every open round)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { round?: string; db?: string; json?: boolean }) => {
      const [{ roundStatus }, { listRounds }] = await Promise.all([import('../../coding/status.ts'), import('../../coding/round.ts')]);
      const statuses = await withStore(opts.db, async (store) => {
        const ids = opts.round ? [opts.round] : (await listRounds(store)).filter((r) => !r.closedAt).map((r) => r.id);
        const out: RoundStatus[] = [];
        for (const id of ids) out.push(await roundStatus(store, id));
        return out;
      });
      if (opts.json) printJson(opts.round ? statuses[0] : statuses);
      else if (statuses.length === 0) process.stdout.write('no open coding rounds\n');
      else process.stdout.write(statuses.map(statusText).join('\n'));
    });
}

function registerSimulate(coding: Command): void {
  coding
    .command('simulate')
    .summary('write simulated coders\' completed sheets (synthetic stores only; to rehearse the workflow)')
    .description(
      'Writes every coder\'s completed sheet as simulated coders would fill it, only to rehearse the workflow (sheets, status, reliability, adjudication) on synthetic data. ' +
        'The true value is the store\'s; independently per coder, unit and variable, with probability --error-rate, a wrong value is given instead: another code of the ' +
        'category set (an adjacent one for ordered sets), a count off by one, a severity code of the coded scale. Seeded: the same inputs give the same files. ' +
        'Refused unless the store is synthetic (made by `vindex demo`).',
    )
    .addHelpText('after', '\nExample:\n  vindex coding simulate --round r1 --error-rate 0.1 --seed 1 --out-dir sim && vindex coding import-sheet sim/*.csv\n')
    .option('--round <id>', 'the round (required)')
    .option('--error-rate <p>', 'probability of a wrong value per coder × unit × variable, 0 … 1', '0.1')
    .option('--seed <s>', 'seed of the simulated errors, 0 … 4294967295', '1')
    .option('--out-dir <dir>', 'directory for the sheets ROUND-CODER.csv (required)')
    .option('--format <format>', 'csv | jsonl', 'csv')
    .option('--force', 'simulate on a store not marked synthetic (never on real data)')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { round?: string; errorRate: string; seed: string; outDir?: string; format: string; force?: boolean; db?: string; json?: boolean }) => {
      const [{ writeSimulatedSheets }, { parseWholeNumber, MAX_SAMPLING_SEED }] = await Promise.all([import('../../synth/coders.ts'), import('../../sampling/index.ts')]);
      if (!opts.round) throw new VindexError('VDX_USAGE', 'name the round with --round ID');
      if (!opts.outDir) throw new VindexError('VDX_USAGE', 'name the output directory with --out-dir DIR');
      const options = { errorRate: shareOption(opts.errorRate, '--error-rate'), seed: parseWholeNumber(opts.seed, '--seed', 0, MAX_SAMPLING_SEED), format: formatOption(opts.format), ...(opts.force ? { force: true } : {}) };
      const written = await withStore(opts.db, (store) => writeSimulatedSheets(store, opts.round!, opts.outDir!, options));
      if (opts.json) printJson(written);
      else for (const w of written) process.stdout.write(`${w.file}: ${w.coder}, ${w.rows} rows, ${w.cells} values, ${w.errors} simulated error(s)\n`);
    });
}

function registerSimulateAdjudication(coding: Command): void {
  coding
    .command('simulate-adjudication')
    .summary('write a simulated adjudicator\'s decisions file (synthetic stores only; to rehearse the workflow)')
    .description(
      'Writes a decisions file (unit,variable,value,reason) that decides every unresolved disagreement of the round with the store\'s value and reason source-record, ' +
        'as an adjudicator checking the source record would. Only to rehearse the workflow on synthetic data; refused unless the store is synthetic.',
    )
    .addHelpText('after', '\nExample:\n  vindex coding simulate-adjudication --round r1 --out decisions.csv && vindex coding adjudicate --round r1 --file decisions.csv --by dana\n')
    .option('--round <id>', 'the round (required)')
    .option('--out <file>', 'the decisions file to write (required)')
    .option('--force', 'simulate on a store not marked synthetic (never on real data)')
    .addOption(dbOption())
    .action(async (opts: { round?: string; out?: string; force?: boolean; db?: string }) => {
      if (!opts.round) throw new VindexError('VDX_USAGE', 'name the round with --round ID');
      if (!opts.out) throw new VindexError('VDX_USAGE', 'name the decisions file with --out FILE');
      const [{ simulateDecisions }, { stringify }, { writeFileAtomic }] = await Promise.all([import('../../synth/coders.ts'), import('csv-stringify/sync'), import('../../coding/sheet-export.ts')]);
      const decisions = await withStore(opts.db, (store) => simulateDecisions(store, opts.round!, opts.force ? { force: true } : {}));
      writeFileAtomic(opts.out, stringify([['unit', 'variable', 'value', 'reason'], ...decisions.map((d) => [d.unitKey, d.variable, d.value, d.reason])]));
      process.stdout.write(`${opts.out}: ${decisions.length} simulated decision(s)\n`);
    });
}

/** coding round create|list|show|close, export-sheet, import-sheet, status, simulate, simulate-adjudication. */
export function registerCodingRounds(coding: Command): void {
  registerRound(coding);
  registerSheets(coding);
  registerStatus(coding);
  registerSimulate(coding);
  registerSimulateAdjudication(coding);
}
