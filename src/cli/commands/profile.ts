import type { Command } from 'commander';
import type { Profile } from '../../profile/index.ts';
import { formatP } from '../../report/format.ts';
import { dbOption, jsonOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';

const pct = (x: number): string => (Number.isFinite(x) ? (100 * x).toFixed(1).padStart(5) + '%' : '    –');

/** A plain-text rendering of the profile for the terminal. */
export function profileText(profile: Profile): string {
  const out: string[] = [];
  const m = profile.manifest;
  out.push(`Study profile — ${m.counts.victims} victims, ${m.counts.series} series, ${m.counts.offenders} offenders, ${m.counts.sources} sources`);
  out.push(`snapshot ${m.snapshotHash.slice(0, 16)} · codebook ${m.codebookVersion} · vindex ${m.softwareVersion}`, '');
  const byKey = new Map<string, typeof profile.tables[number][]>();
  for (const t of profile.tables) {
    const key = t.id.replace(/-(unidentified|identified|all)$/, '');
    byKey.set(key, [...(byKey.get(key) ?? []), t]);
  }
  for (const tables of byKey.values()) {
    const first = tables[0]!;
    out.push(`${first.title} (${first.variable}, ${first.unit})`);
    out.push(`  ${'category'.padEnd(28)}${tables.map((t) => t.population.padStart(26)).join('')}`);
    first.rows.forEach((row, i) => {
      const cells = tables.map((t) => {
        const r = t.rows[i]!;
        return `${String(r.count).padStart(8)} ${pct(r.share)} [${pct(r.lower).trim()}–${pct(r.upper).trim()}]`.padStart(26);
      });
      out.push(`  ${row.label.slice(0, 27).padEnd(28)}${cells.join('')}`);
    });
    out.push(`  ${'total'.padEnd(28)}${tables.map((t) => String(t.total).padStart(26)).join('')}`, '');
  }
  out.push('Associations (Pearson χ², Cramér\'s V)');
  for (const a of profile.associations) {
    out.push(`  ${a.title.padEnd(34)} ${a.population.padEnd(13)} χ² = ${a.chiSquare.toFixed(2)}, df = ${a.df}, p ${formatP(a.pValue)}, V = ${a.cramersV.toFixed(3)}`);
  }
  out.push('', 'Identified vs unidentified');
  for (const c of profile.comparisons) {
    out.push(`  ${c.variable.padEnd(34)} χ² = ${c.chiSquare.toFixed(2)}, df = ${c.df}, p ${formatP(c.pValue)}, V = ${c.cramersV.toFixed(3)}`);
  }
  return out.join('\n') + '\n';
}

export function registerProfile(program: Command): void {
  program
    .command('profile')
    .summary('compute the study profile of the victims in the store')
    .description(
      'Computes the descriptive profile of the ECPAT/INTERPOL study for unidentified victims, identified victims and all:\n' +
        'gender, age band, harmonised severity, ethnicity, offender visibility and gender, self-generated material, victims per series\n' +
        '(count, share, 95% Wilson interval), age band × severity and gender × severity (Pearson χ², df, p, Cramér\'s V), and identified-vs-unidentified comparisons.\n' +
        'With --json: { manifest, tables: [{ id, variable, population, rows: [{ category, count, share, lower, upper }] }], associations: [...], comparisons: [...] }.',
    )
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { computeProfile } = await import('../../profile/index.ts');
      const profile = await withStore(opts.db, (store) => computeProfile(store));
      if (opts.json) printJson(profile);
      else process.stdout.write(profileText(profile));
    });
}
