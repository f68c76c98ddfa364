/**
 * The Vindex data structure definition (DSD) for indicator series, modelled on the SDG indicator
 * DSD (UN SDMX-SDG): dimensions FREQ, SERIES, REF_AREA, SEX, AGE, SOURCE, TIME_PERIOD; measure
 * OBS_VALUE; observation-level attributes UNIT_MEASURE, UNIT_MULT, LOWER_BOUND, UPPER_BOUND,
 * OBS_STATUS, CONF_STATUS, NATURE. Codelists are maintained by agency VINDEX; codes follow SDMX
 * cross-domain conventions where one exists (CL_SEX F/M/_T/_U, CL_OBS_STATUS, CL_CONF_STATUS,
 * M49 numeric areas, 001 World). The structure is one value built from an indicator set, because
 * CL_SERIES, CL_SOURCE and CL_UNIT depend on which indicators and sources it holds.
 */

import { COUNTRIES, COUNTRY_NOT_DETERMINABLE, type Country } from '../../codebook/countries.ts';
import { SERIES_AGE_GROUP, SERIES_VICTIM_GENDER, VICTIM_AGE_BAND, VICTIM_GENDER } from '../../codebook/categories.ts';
import type { IndicatorDefinition } from '../../indicators/types.ts';

export const AGENCY = 'VINDEX';
export const DSD_ID = 'DSD_VINDEX';
export const DATAFLOW_ID = 'DF_VINDEX';
export const CONCEPT_SCHEME_ID = 'CS_VINDEX';
export const STRUCTURE_VERSION = '1.0';
/** SDMX-CSV STRUCTURE_ID and the short reference used in messages. */
export const DATAFLOW_REF = `${AGENCY}:${DATAFLOW_ID}(${STRUCTURE_VERSION})`;

/** SDMX identifiers (IDType): letters, digits, _ @ $ -, not starting with a digit is NOT required (M49 codes start with 0). */
export const SDMX_ID = /^[A-Za-z0-9_@$-]+$/;

export interface Code {
  readonly id: string;
  readonly name: string;
}

export interface Codelist {
  readonly id: string;
  readonly name: string;
  readonly codes: readonly Code[];
}

export type ComponentKind = 'dimension' | 'time' | 'measure' | 'attribute';

export interface Component {
  readonly id: string;
  readonly kind: ComponentKind;
  readonly name: string;
  /** Codelist id for coded components; undefined for free formats. */
  readonly codelist?: string;
  /** Text format of uncoded components (SDMX textType). */
  readonly textType?: 'Double' | 'ObservationalTimePeriod';
  /** Attributes only: whether every observation must carry it. */
  readonly mandatory?: boolean;
}

export interface Dsd {
  readonly agency: string;
  readonly id: string;
  readonly version: string;
  readonly dataflow: string;
  readonly name: string;
  /** Key order: dimensions then the time dimension last, as in the SDG DSD. */
  readonly dimensions: readonly Component[];
  readonly measure: Component;
  readonly attributes: readonly Component[];
  readonly codelists: ReadonlyMap<string, Codelist>;
}

/** Components in the order they appear in SDMX-CSV columns and the structure message. */
export function components(dsd: Dsd): readonly Component[] {
  return [...dsd.dimensions, dsd.measure, ...dsd.attributes];
}

export const TOTAL = '_T';
export const UNKNOWN = '_U';
/** REF_AREA for "country not determinable" (SDMX CL_AREA `_X`: not allocated/unspecified). */
export const AREA_NOT_DETERMINABLE = '_X';
export const AREA_WORLD = '001';
/** FREQ of observations over all first-sighting years up to the data date (TIME_PERIOD is then the data date). */
export const FREQ_CUMULATIVE = '_Z';
export const FREQ_ANNUAL = 'A';

/** UN M49 codes of the codebook regions (src/codebook/countries.ts). Antarctica has no M49 region; it is area 010 itself. */
export const REGION_M49: Readonly<Record<string, string>> = {
  Africa: '002',
  Americas: '019',
  Asia: '142',
  Europe: '150',
  Oceania: '009',
  Antarctic: '010',
  'Not determinable': AREA_NOT_DETERMINABLE,
};

const NOT_DETERMINABLE = 'notDeterminable';

/** SEX codes for the victim/series gender codes of the codebook. `B` (both) is Vindex's own: series with girls and boys. */
export const SEX_CODES: Readonly<Record<string, string>> = { female: 'F', male: 'M', both: 'B', [NOT_DETERMINABLE]: UNKNOWN };

/** camelCase codebook code → UPPER_SNAKE SDMX code (infantToddler → INFANT_TODDLER); notDeterminable → _U. */
export function ageCode(codebookCode: string): string {
  if (codebookCode === NOT_DETERMINABLE) return UNKNOWN;
  return codebookCode.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/** UNIT_MEASURE of an indicator: shares are published as percentages (PT, values ×100) as SDG data do. */
export function unitOf(def: Pick<IndicatorDefinition, 'unit' | 'per'>): string {
  switch (def.unit) {
    case 'share':
      return 'PT';
    case 'count':
      return 'NUMBER';
    case 'median-time':
      return 'YR';
    case 'rate':
      return `PER_${def.per ?? 1}`;
  }
}

/** The factor applied to value and bounds on the way out. */
export function scaleOf(def: Pick<IndicatorDefinition, 'unit'>): number {
  return def.unit === 'share' ? 100 : 1;
}

/** REF_AREA of a country: its M49 (= ISO 3166-1 numeric) code; the alpha-3 code for the few without one (Kosovo: UNK). */
export function areaOf(c: Country): string {
  return c.numeric === '' ? c.alpha3 : c.numeric;
}

function areaCodelist(): Codelist {
  const codes: Code[] = [{ id: AREA_WORLD, name: 'World' }];
  const seen = new Set<string>([AREA_WORLD]);
  for (const [region, m49] of Object.entries(REGION_M49)) {
    if (m49 === AREA_NOT_DETERMINABLE || region === 'Antarctic') continue;
    codes.push({ id: m49, name: region });
    seen.add(m49);
  }
  for (const c of [...COUNTRIES.values()].sort((a, b) => areaOf(a).localeCompare(areaOf(b)))) {
    if (c.alpha2 === COUNTRY_NOT_DETERMINABLE || seen.has(areaOf(c))) continue;
    seen.add(areaOf(c));
    codes.push({ id: areaOf(c), name: c.name });
  }
  codes.push({ id: AREA_NOT_DETERMINABLE, name: 'Not determinable' });
  return { id: 'CL_AREA', name: 'Reference area (UN M49)', codes };
}

function sexCodelist(): Codelist {
  const names = new Map<string, string>();
  for (const set of [VICTIM_GENDER, SERIES_VICTIM_GENDER]) {
    for (const c of set.categories) {
      const id = SEX_CODES[c.code];
      if (id !== undefined && !names.has(id)) names.set(id, id === 'F' ? 'Female' : id === 'M' ? 'Male' : c.label);
    }
  }
  return { id: 'CL_SEX', name: 'Sex', codes: [{ id: TOTAL, name: 'Total' }, ...[...names].map(([id, name]) => ({ id, name }))] };
}

function ageCodelist(): Codelist {
  const names = new Map<string, string>();
  for (const set of [VICTIM_AGE_BAND, SERIES_AGE_GROUP]) {
    for (const c of set.categories) if (!names.has(ageCode(c.code))) names.set(ageCode(c.code), c.label);
  }
  return { id: 'CL_AGE', name: 'Apparent developmental stage (codebook age band)', codes: [{ id: TOTAL, name: 'Total' }, ...[...names].map(([id, name]) => ({ id, name }))] };
}

const UNIT_NAMES: Readonly<Record<string, string>> = { PT: 'Percent', NUMBER: 'Number', YR: 'Years' };

/** Builds the DSD for a set of indicator definitions and the source codes its observations use. */
export function buildDsd(definitions: readonly IndicatorDefinition[], sources: readonly string[]): Dsd {
  for (const def of definitions) {
    if (!SDMX_ID.test(def.id)) throw new Error(`indicator id "${def.id}" is not an SDMX identifier (letters, digits, _ @ $ -)`);
  }
  for (const s of sources) {
    if (!SDMX_ID.test(s)) throw new Error(`source code "${s}" is not an SDMX identifier (letters, digits, _ @ $ -)`);
  }
  const units = [...new Set(definitions.map(unitOf))];
  const codelists: Codelist[] = [
    { id: 'CL_FREQ', name: 'Frequency', codes: [{ id: FREQ_ANNUAL, name: 'Annual (year of first sighting)' }, { id: FREQ_CUMULATIVE, name: 'Not applicable: all first-sighting years up to the data date' }] },
    { id: 'CL_SERIES', name: 'Vindex indicator series', codes: definitions.map((d) => ({ id: d.id, name: d.title })) },
    areaCodelist(),
    sexCodelist(),
    ageCodelist(),
    { id: 'CL_SOURCE', name: 'Source database', codes: [{ id: TOTAL, name: 'All sources' }, ...[...new Set(sources)].sort().map((id) => ({ id, name: id }))] },
    { id: 'CL_UNIT_MEASURE', name: 'Unit of measure', codes: units.map((id) => ({ id, name: UNIT_NAMES[id] ?? `Per ${id.slice(4)} units` })) },
    { id: 'CL_UNIT_MULT', name: 'Unit multiplier', codes: [{ id: '0', name: 'Units' }] },
    {
      id: 'CL_OBS_STATUS',
      name: 'Observation status',
      codes: [
        { id: 'A', name: 'Normal value' },
        { id: 'E', name: 'Estimated value (from a probability sample)' },
        { id: 'M', name: 'Missing value; data cannot exist (no units in the denominator)' },
        { id: 'O', name: 'Missing value (not estimable, e.g. median not reached)' },
      ],
    },
    {
      id: 'CL_CONF_STATUS',
      name: 'Confidentiality status',
      codes: [
        { id: 'F', name: 'Free (may be published)' },
        { id: 'C', name: 'Confidential statistical information (primary suppression)' },
        { id: 'D', name: 'Secondary confidentiality set by the sender (complementary suppression)' },
      ],
    },
    {
      id: 'CL_NATURE',
      name: 'Nature of data',
      codes: [
        { id: 'C', name: 'Computed from every coded case record (census of the store)' },
        { id: 'E', name: 'Estimated from a probability sample with design weights' },
      ],
    },
  ];
  const dim = (id: string, name: string, codelist: string): Component => ({ id, kind: 'dimension', name, codelist });
  const attr = (id: string, name: string, mandatory: boolean, codelist?: string): Component =>
    codelist === undefined ? { id, kind: 'attribute', name, mandatory, textType: 'Double' } : { id, kind: 'attribute', name, mandatory, codelist };
  return {
    agency: AGENCY,
    id: DSD_ID,
    version: STRUCTURE_VERSION,
    dataflow: DATAFLOW_ID,
    name: 'Vindex indicators on unidentified victims',
    dimensions: [
      dim('FREQ', 'Frequency', 'CL_FREQ'),
      dim('SERIES', 'Indicator series', 'CL_SERIES'),
      dim('REF_AREA', 'Reference area', 'CL_AREA'),
      dim('SEX', 'Sex', 'CL_SEX'),
      dim('AGE', 'Age (developmental stage)', 'CL_AGE'),
      dim('SOURCE', 'Source database', 'CL_SOURCE'),
      { id: 'TIME_PERIOD', kind: 'time', name: 'Time period (year of first sighting, or the data date)', textType: 'ObservationalTimePeriod' },
    ],
    measure: { id: 'OBS_VALUE', kind: 'measure', name: 'Observation value', textType: 'Double' },
    attributes: [
      attr('UNIT_MEASURE', 'Unit of measure', true, 'CL_UNIT_MEASURE'),
      attr('UNIT_MULT', 'Unit multiplier', true, 'CL_UNIT_MULT'),
      attr('LOWER_BOUND', 'Lower bound of the 95 % interval', false),
      attr('UPPER_BOUND', 'Upper bound of the 95 % interval', false),
      attr('OBS_STATUS', 'Observation status', true, 'CL_OBS_STATUS'),
      attr('CONF_STATUS', 'Confidentiality status', true, 'CL_CONF_STATUS'),
      attr('NATURE', 'Nature of data', true, 'CL_NATURE'),
    ],
    codelists: new Map(codelists.map((c) => [c.id, c])),
  };
}

/** Code ids of a coded component, for validation. */
export function codesOf(dsd: Dsd, component: Component): ReadonlySet<string> | undefined {
  if (component.codelist === undefined) return undefined;
  const cl = dsd.codelists.get(component.codelist);
  return new Set(cl?.codes.map((c) => c.id) ?? []);
}
