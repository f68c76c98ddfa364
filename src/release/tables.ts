import { createHash } from 'node:crypto';
import { COUNTRY_NOT_DETERMINABLE, regionOf } from '../codebook/index.ts';
import { makeSystem, type AdditivityConstraint, type Cell, type TableSystem } from '../disclosure/index.ts';
import { entityOf } from '../indicators/filter.ts';
import { DIMENSIONS, type Dimension, type Filter, type IndicatorDefinition, type IndicatorResult, type Observation } from '../indicators/index.ts';

/**
 * Indicator results → the count tables behind them, as one linked system for disclosure control.
 *
 * Every observation rests on counts of a population of units: a share on its numerator n₁ and
 * denominator n, and so also on the complement n − n₁ (an attacker subtracts); a count on itself;
 * a Kaplan–Meier figure on its events and units. Each population gets a cell id from a canonical
 * description of the units it holds (entity, conditions, geography variable, dims), so the same
 * count shown by two indicators — the unidentified victims are the numerator of one and the
 * denominator of two others; the world total of series appears in every series table — is ONE
 * cell, and its tables are linked (Hundepool et al. 2012 §4.4.4). The constraints are the
 * additivity of the published breakdowns: n = n₁ + (n − n₁); region = Σ its countries; world =
 * Σ regions; a margin = Σ the cells of the dimension summed out.
 */

/** The cells an observation's published figures derive from. */
export interface ObservationCells {
  /** Units in the numerator (share/rate: also in the denominator), events for Kaplan–Meier, the count itself for counts. */
  readonly numerator: string;
  /** Units of the denominator (share, rate, Kaplan–Meier); absent for counts. */
  readonly denominator?: string;
  /** denominator − numerator. */
  readonly complement?: string;
}

export interface IndicatorTables {
  readonly system: TableSystem;
  /** Per result (same order as given), per observation: its cells. */
  readonly cellsOf: readonly (readonly ObservationCells[])[];
  /** Cell id → a readable description of the population and dims, for messages and the release's cell list. */
  readonly labels: ReadonlyMap<string, string>;
}

type Conditions = Record<string, string[]>;

/** Conditions of several filters ANDed for one unit: intersect code lists of the same variable. */
function intersect(filters: readonly Filter[]): Conditions {
  const out: Conditions = {};
  for (const f of filters) {
    for (const [variable, codes] of Object.entries(f)) {
      const before = out[variable];
      out[variable] = before === undefined ? [...codes] : before.filter((c) => codes.includes(c));
    }
  }
  for (const v of Object.keys(out)) out[v] = [...new Set(out[v])].sort();
  return out;
}

function conditionsText(c: Conditions): string {
  const keys = Object.keys(c).sort();
  return keys.length === 0 ? 'all' : keys.map((k) => `${k}∈{${c[k]!.join(',')}}`).join(' ∧ ');
}

/**
 * Canonical text of "units of `entity` passing every filter". Conditions on the unit itself (and,
 * for victims, on their series: one series per victim) merge by intersection; conditions on another
 * entity mean "has at least one such victim/offender" per filter (see Filter), so they stay one
 * existence clause per filter and entity, sorted and deduplicated.
 */
export function populationText(entity: IndicatorDefinition['entity'], filters: readonly Filter[]): string {
  return population(entity, filters).text;
}

/** A population as populationText describes it, kept in parts to tell when one holds another. */
interface Population {
  readonly text: string;
  readonly entity: IndicatorDefinition['entity'];
  readonly unit: Conditions;
  readonly exists: ReadonlySet<string>;
}

/**
 * Whether every unit of `a` is in `b` (a ⊆ b), as far as the conditions show: b's unit conditions
 * each allow at least a's codes, and b's existence clauses are among a's. False when unsure.
 */
function within(a: Population, b: Population): boolean {
  if (a.entity !== b.entity || a.text === b.text) return false;
  for (const [v, codes] of Object.entries(b.unit)) {
    const mine = a.unit[v];
    if (mine === undefined || !mine.every((c) => codes.includes(c))) return false;
  }
  return [...b.exists].every((e) => a.exists.has(e));
}

function population(entity: IndicatorDefinition['entity'], filters: readonly Filter[]): Population {
  const own = (variable: string): boolean => {
    const e = entityOf(variable);
    return e === entity || (entity === 'victim' && e === 'series');
  };
  const unitConditions = intersect(filters.map((f) => Object.fromEntries(Object.entries(f).filter(([v]) => own(v)))));
  const exists = new Set<string>();
  for (const f of filters) {
    const byEntity = new Map<string, Conditions>();
    for (const [v, codes] of Object.entries(f)) {
      if (own(v)) continue;
      const e = entityOf(v)!;
      byEntity.set(e, { ...(byEntity.get(e) ?? {}), [v]: [...new Set(codes)].sort() });
    }
    for (const [e, c] of byEntity) exists.add(`∃${e}(${conditionsText(c)})`);
  }
  const text = [entity === 'series' ? 'series' : 'victims', conditionsText(unitConditions), ...[...exists].sort()].join(' | ');
  return { text, entity, unit: unitConditions, exists };
}

/** The text of "units of `whole` not in `part`": the complement cell of a share, and the difference of any two nested populations. */
const differenceText = (whole: string, part: string): string => `${whole} | not (${part})`;

/** The populations of one observation: what its numerator, denominator and complement count. */
function populationsOf(def: IndicatorDefinition): { numerator: string; denominator?: string; complement?: string } {
  const base = def.denominator === null ? [def.numerator] : [def.denominator];
  if (def.time) {
    const units = populationText(def.entity, base);
    const horizon = def.time.horizonYears === undefined ? 'any time' : `within ${def.time.horizonYears} years`;
    const events = `${units} | event ${def.time.event}=yes dated ${def.time.eventDate} ${horizon} of ${def.time.start}`;
    return { numerator: events, denominator: units, complement: `${units} | not (${events})` };
  }
  if (def.unit === 'count') return { numerator: populationText(def.entity, [def.numerator]) };
  const numerator = populationText(def.entity, [def.numerator, ...(def.denominator ? [def.denominator] : [])]);
  const denominator = populationText(def.entity, base);
  return { numerator, denominator, complement: differenceText(denominator, numerator) };
}

/** The plain (not time-to-event) populations of a definition: numerator (and denominator). */
function plainPopulations(def: IndicatorDefinition): Population[] {
  if (def.time) return [];
  if (def.unit === 'count') return [population(def.entity, [def.numerator])];
  return [population(def.entity, [def.numerator, ...(def.denominator ? [def.denominator] : [])]), population(def.entity, [def.denominator ?? def.numerator])];
}

/** Readable dims; the geography names its variable, since two country variables split the same units differently. */
function dimsText(def: IndicatorDefinition, dims: Observation['dims']): string {
  const parts = DIMENSIONS.filter((d) => dims[d] !== undefined).map((d) => {
    const geo = d === 'country' || d === 'region' ? `${d}(${def.countryVariable ?? 'series.country'})` : d;
    return `${geo}=${dims[d]}`;
  });
  return parts.length === 0 ? 'total' : parts.join(', ');
}

/**
 * The region of ZZ ("Not determinable") holds ZZ only: the same units as country ZZ, so the same
 * cell (else noise or rounding could give the one count two different values).
 */
function cellDims(dims: Observation['dims']): Observation['dims'] {
  if (dims.country !== undefined || dims.region !== regionOf(COUNTRY_NOT_DETERMINABLE)) return dims;
  const { region: _region, ...rest } = dims;
  return { ...rest, country: COUNTRY_NOT_DETERMINABLE };
}

/** A cell id within the disclosure id alphabet: a short hash of the population, then the hash of the dims. */
function cellId(population: string, dims: string): string {
  const h = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 12);
  return `p${h(population)}:${dims === 'total' ? 'total' : h(dims)}`;
}

/** The dims one step coarser than `dims` along each dimension it has: country → region, region → gone, any other → gone. */
function parentsOf(dims: Observation['dims']): { step: Dimension; parent: Observation['dims'] }[] {
  const out: { step: Dimension; parent: Observation['dims'] }[] = [];
  for (const d of DIMENSIONS) {
    if (dims[d] === undefined) continue;
    const parent: Partial<Record<Dimension, string>> = { ...dims };
    delete parent[d];
    if (d === 'country') parent.region = regionOf(dims.country!);
    if (d === 'region' && dims.country !== undefined) continue;
    out.push({ step: d, parent });
  }
  return out;
}

/** A key of dims over every dimension (absent = ''), the same whatever the grouping. */
export function dimsKey(dims: Observation['dims']): string {
  return DIMENSIONS.map((d) => dims[d] ?? '').join('\u0000');
}

/**
 * The linked count system of indicator results (any number, e.g. the same indicators by country
 * and by year): cells, outcome constraints n = n₁ + (n − n₁), and the additivity of every margin.
 * Results must come from census computations or design-based ones alike (the counts are the
 * unweighted units either way).
 */
export function indicatorTables(results: readonly IndicatorResult[]): IndicatorTables {
  const cells: Cell[] = [];
  const constraints: AdditivityConstraint[] = [];
  const labels = new Map<string, string>();
  const cellsOf: ObservationCells[][] = [];
  const seenConstraint = new Set<string>();
  const nested = new Map<string, { horizon: number; id: string; value: number; def: IndicatorDefinition }[]>();
  // Per dims: the plain populations published there, to link the nested ones.
  const plain = new Map<string, Map<string, { pop: Population; id: string; value: number; def: IndicatorDefinition }>>();
  const addCell = (population: string, def: IndicatorDefinition, dims: Observation['dims'], value: number): string => {
    const where = dimsText(def, cellDims(dims));
    const id = cellId(population, where);
    cells.push({ id, value, tables: [def.id] });
    labels.set(id, `${population} @ ${where}`);
    return id;
  };
  const addConstraint = (table: string, total: string, all: string[]): void => {
    // Region "Not determinable" = ZZ is one cell (cellDims): no constraint of a cell with itself,
    // and that cell once among parts (by year, ZZ × year and "Not determinable" × year are one cell).
    const parts = [...new Set(all)].filter((p) => p !== total);
    if (parts.length === 0) return;
    const key = `${total}=${[...parts].sort().join('+')}`;
    if (seenConstraint.has(key)) return;
    seenConstraint.add(key);
    constraints.push({ table, total, parts });
  };
  for (const result of results) {
    const def = result.definition;
    const pops = populationsOf(def);
    const mine: ObservationCells[] = [];
    // Per population role: dims key → cell id, to find parents and children.
    const byRole = { numerator: new Map<string, string>(), denominator: new Map<string, string>(), complement: new Map<string, string>() };
    for (const obs of result.observations) {
      const x = obs.numerator ?? 0;
      const numerator = addCell(pops.numerator, def, obs.dims, x);
      const where = dimsText(def, cellDims(obs.dims));
      plainPopulations(def).forEach((pop, k) => {
        const group = plain.get(where) ?? new Map<string, { pop: Population; id: string; value: number; def: IndicatorDefinition }>();
        group.set(pop.text, { pop, id: k === 0 ? numerator : cellId(pop.text, where), value: k === 0 ? x : (obs.denominator ?? 0), def });
        plain.set(where, group);
      });
      if (def.time) {
        // Events of the same units and event within different horizons are nested: linked below.
        const key = `${pops.denominator!} | event ${def.time.event}=yes dated ${def.time.eventDate} of ${def.time.start} @ ${dimsText(def, cellDims(obs.dims))}`;
        const chain = nested.get(key) ?? [];
        chain.push({ horizon: def.time.horizonYears ?? Infinity, id: numerator, value: x, def });
        nested.set(key, chain);
      }
      byRole.numerator.set(dimsKey(obs.dims), numerator);
      if (pops.denominator === undefined) {
        mine.push({ numerator });
        continue;
      }
      const n = obs.denominator ?? 0;
      const denominator = addCell(pops.denominator, def, obs.dims, n);
      const complement = addCell(pops.complement!, def, obs.dims, n - x);
      byRole.denominator.set(dimsKey(obs.dims), denominator);
      byRole.complement.set(dimsKey(obs.dims), complement);
      addConstraint(def.id, denominator, [numerator, complement]);
      mine.push({ numerator, denominator, complement });
    }
    // Margins: every observation with a coarser parent in the result sums into it, per step.
    for (const ids of Object.values(byRole)) {
      const children = new Map<string, { total: string; parts: string[] }>();
      for (const obs of result.observations) {
        const id = ids.get(dimsKey(obs.dims));
        if (id === undefined) continue;
        for (const { step, parent } of parentsOf(obs.dims)) {
          const total = ids.get(dimsKey(parent));
          if (total === undefined) continue;
          const key = `${step}\u0001${total}`;
          const group = children.get(key) ?? { total, parts: [] };
          group.parts.push(id);
          children.set(key, group);
        }
      }
      for (const { total, parts } of children.values()) addConstraint(def.id, total, parts);
    }
    cellsOf.push(mine);
  }
  // Events within h₁ ⊆ events within h₂ (h₁ < h₂) ⊆ events at any time: publishing both would
  // publish their difference, so it is a cell too, with events(h₂) = events(h₁) + difference.
  for (const [key, chain] of nested) {
    const steps = [...new Map(chain.map((c) => [c.id, c])).values()].sort((a, b) => a.horizon - b.horizon);
    for (let i = 1; i < steps.length; i++) {
      const [a, b] = [steps[i - 1]!, steps[i]!];
      const upTo = b.horizon === Infinity ? 'any time' : `${b.horizon} years`;
      const where = `${key}: events after ${a.horizon} years up to ${upTo}`;
      const id = cellId(where, 'difference');
      cells.push({ id, value: b.value - a.value, tables: [b.def.id] });
      labels.set(id, where);
      addConstraint(b.def.id, b.id, [a.id, id]);
    }
  }
  // Populations nested across indicators (unidentified victims ⊇ unidentified victims of known
  // age): publishing both publishes their difference, so the difference is a cell (the same cell as
  // a share's complement when it is one), with whole = part + difference. Covering pairs only: a
  // difference over several steps is the sum of the steps.
  for (const [where, group] of plain) {
    const pops = [...group.values()];
    for (const a of pops) {
      for (const b of pops) {
        if (!within(a.pop, b.pop)) continue;
        if (pops.some((c) => within(a.pop, c.pop) && within(c.pop, b.pop))) continue;
        const text = differenceText(b.pop.text, a.pop.text);
        const id = cellId(text, where);
        cells.push({ id, value: b.value - a.value, tables: [b.def.id] });
        labels.set(id, `${text} @ ${where}`);
        addConstraint(b.def.id, b.id, [a.id, id]);
      }
    }
  }
  return { system: makeSystem(cells, constraints), cellsOf, labels };
}
