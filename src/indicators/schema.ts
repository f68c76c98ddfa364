import { z } from 'zod';
import { findVariable } from '../codebook/index.ts';
import { VindexError } from '../errors.ts';
import { entityOf, filterProblems } from './filter.ts';
import { DIMENSIONS, type IndicatorDefinition } from './types.ts';

const filterSchema = z.record(z.string(), z.array(z.string()));

/** The shape of a definition; meaning (codes, combinations) is checked by definitionProblems. */
export const definitionSchema = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,63}$/, 'lower-case letters, digits and hyphens, starting with a letter'),
  title: z.string().min(1).max(200),
  definition: z.string().min(1).max(2000),
  unit: z.enum(['share', 'count', 'median-time', 'rate']),
  entity: z.enum(['victim', 'series']),
  numerator: filterSchema,
  denominator: filterSchema.nullable(),
  disaggregations: z.array(z.enum(DIMENSIONS as [string, ...string[]])),
  interval: z.enum(['wilson', 'design', 'kaplan-meier', 'poisson', 'none']),
  countryVariable: z.enum(['series.country', 'series.abuseCountrySuspected', 'series.abuseCountryConfirmed']).optional(),
  per: z.number().positive().optional(),
  time: z
    .strictObject({ start: z.string(), event: z.string(), eventDate: z.string(), horizonYears: z.number().positive().optional() })
    .optional(),
});

/** A file of user definitions: a list, or `{ indicators: [...] }`. */
export const definitionFileSchema = z.union([z.array(z.unknown()), z.strictObject({ indicators: z.array(z.unknown()) })]);

/** Problems of meaning in a shape-valid definition, each with a path inside it. */
export function definitionProblems(d: IndicatorDefinition): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const p of filterProblems(d.numerator)) out.push({ path: `numerator.${p.path}`, message: p.message });
  if (d.denominator) for (const p of filterProblems(d.denominator)) out.push({ path: `denominator.${p.path}`, message: p.message });
  const needs = (cond: boolean, path: string, message: string): void => {
    if (!cond) out.push({ path, message });
  };
  const timed = d.time !== undefined;
  switch (d.unit) {
    case 'share':
      if (timed) needs(d.interval === 'kaplan-meier' && d.time?.horizonYears !== undefined, 'interval', 'a share with time needs interval kaplan-meier and time.horizonYears');
      else {
        needs(d.denominator !== null, 'denominator', 'a share needs a denominator filter ({} for all units)');
        needs(['wilson', 'design', 'none'].includes(d.interval), 'interval', 'a share takes interval wilson, design or none');
      }
      break;
    case 'count':
      needs(d.denominator === null, 'denominator', 'a count has no denominator (null)');
      needs(['poisson', 'none'].includes(d.interval), 'interval', 'a count takes interval poisson or none');
      needs(!timed, 'time', 'a count takes no time');
      break;
    case 'rate':
      needs(d.denominator !== null, 'denominator', 'a rate needs a denominator filter');
      needs(['poisson', 'none'].includes(d.interval), 'interval', 'a rate takes interval poisson or none');
      needs(!timed, 'time', 'a rate takes no time');
      break;
    case 'median-time':
      needs(timed && d.time?.horizonYears === undefined, 'time', 'a median time needs time {start, event, eventDate} without horizonYears');
      needs(d.interval === 'kaplan-meier' || d.interval === 'none', 'interval', 'a median time takes interval kaplan-meier or none');
      break;
  }
  if (timed) {
    needs(d.denominator === null, 'denominator', 'a Kaplan–Meier indicator has no denominator (null): all units passing numerator are followed');
    const t = d.time!;
    for (const [key, name] of [['start', t.start], ['eventDate', t.eventDate]] as const) {
      const v = findVariable(name);
      needs(v?.type === 'date' && entityOf(name) === d.entity, `time.${key}`, `"${name}" must be a date variable of ${d.entity} (e.g. ${d.entity}.${key === 'start' ? 'firstSeen' : 'identifiedOn'})`);
    }
    const ev = findVariable(t.event);
    needs(ev?.type === 'category' && ev.set.categories.some((c) => c.code === 'yes') && entityOf(t.event) === d.entity, 'time.event', `"${t.event}" must be a yes/no variable of ${d.entity} (e.g. ${d.entity}.identified)`);
  }
  if (d.unit === 'rate') needs(d.per !== undefined, 'per', 'a rate needs per (e.g. 100 for "per 100")');
  else needs(d.per === undefined, 'per', 'only a rate takes per');
  d.disaggregations.forEach((dim, i) => {
    needs(d.entity === 'victim' || (dim !== 'ageBand' && dim !== 'gender'), `disaggregations[${i}]`, `${dim} is a victim variable; series indicators can be broken down by ${['country', 'region', 'year', 'source'].join(', ')}`);
  });
  if (new Set(d.disaggregations).size !== d.disaggregations.length) out.push({ path: 'disaggregations', message: 'lists a dimension twice' });
  return out;
}

/**
 * Validates raw definitions (parsed YAML/JSON or TypeScript objects): shape by zod, then codes
 * and combinations against the codebook. Every problem is reported at once, each as
 * `FILE: PATH: message`; any problem throws VDX_INDICATOR_DEFINITION.
 */
export function parseDefinitions(raw: unknown, origin: string): IndicatorDefinition[] {
  const file = definitionFileSchema.safeParse(raw);
  if (!file.success) {
    throw new VindexError('VDX_INDICATOR_DEFINITION', `${origin}: expected a list of indicator definitions, or an object with "indicators: [...]"`);
  }
  const items = Array.isArray(file.data) ? file.data : file.data.indicators;
  const listPath = Array.isArray(file.data) ? '' : 'indicators';
  const problems: string[] = [];
  const defs: IndicatorDefinition[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const at = `${listPath}[${i}]`;
    const parsed = definitionSchema.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) problems.push(`${origin}: ${at}${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${issue.message}`);
      return;
    }
    const d = parsed.data as IndicatorDefinition;
    for (const p of definitionProblems(d)) problems.push(`${origin}: ${at}.${p.path} (${d.id}): ${p.message}`);
    if (seen.has(d.id)) problems.push(`${origin}: ${at}.id: "${d.id}" is defined twice`);
    seen.add(d.id);
    defs.push(d);
  });
  if (problems.length > 0) throw new VindexError('VDX_INDICATOR_DEFINITION', `invalid indicator definitions:\n  ${problems.join('\n  ')}`, { problems });
  return defs;
}
