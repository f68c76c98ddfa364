/**
 * The DSD as an SDMX-JSON 2.0 structure message (sdmx-twg/sdmx-json, structure-message field
 * guide 2.0): dataflows, dataStructures, codelists and conceptSchemes; components refer to
 * concepts and codelists by URN. `parseStructureJson` reads it back into a Dsd — the validators
 * check data files against the structure file they are released with, not against code.
 */

import { CONCEPT_SCHEME_ID, components, type Codelist, type Component, type Dsd } from './dsd.ts';
import { codelistIdOf, codelistUrn, conceptUrn, dsdUrn } from './urn.ts';

export const SDMX_JSON_STRUCTURE_SCHEMA = 'https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/structure-message/tools/schemas/2.0.0/sdmx-json-structure-schema.json';

function representation(dsd: Dsd, c: Component): unknown {
  if (c.codelist !== undefined) return { enumeration: codelistUrn(dsd, c.codelist) };
  return { format: { dataType: c.textType } };
}

export function sdmxJsonStructure(dsd: Dsd, prepared: string): unknown {
  // SDMX 3.0 has no isFinal (finality is in the version); the SDMX-ML 2.1 file keeps it.
  const maint = { agencyID: dsd.agency, version: dsd.version, isExternalReference: false };
  const comp = (c: Component, position?: number): Record<string, unknown> => ({
    id: c.id,
    ...(position === undefined ? {} : { position }),
    conceptIdentity: conceptUrn(dsd, CONCEPT_SCHEME_ID, c.id),
    localRepresentation: representation(dsd, c),
  });
  return {
    meta: { schema: SDMX_JSON_STRUCTURE_SCHEMA, id: `${dsd.id}_STRUCTURE`, test: false, prepared, contentLanguages: ['en'], sender: { id: dsd.agency } },
    data: {
      dataflows: [{ id: dsd.dataflow, ...maint, name: dsd.name, names: { en: dsd.name }, structure: dsdUrn(dsd) }],
      dataStructures: [
        {
          id: dsd.id,
          ...maint,
          name: dsd.name,
          names: { en: dsd.name },
          dataStructureComponents: {
            dimensionList: {
              id: 'DimensionDescriptor',
              dimensions: dsd.dimensions.filter((d) => d.kind === 'dimension').map((d) => comp(d, dsd.dimensions.indexOf(d))),
              // SDMX 3.0: one time dimension, outside the ordered key, always last in data keys.
              ...Object.fromEntries(dsd.dimensions.filter((d) => d.kind === 'time').map((d) => ['timeDimension', comp(d)])),
            },
            attributeList: {
              id: 'AttributeDescriptor',
              attributes: dsd.attributes.map((a) => ({ ...comp(a), usage: a.mandatory === true ? 'mandatory' : 'optional', attributeRelationship: { observation: {} } })),
            },
            measureList: { id: 'MeasureDescriptor', measures: [{ ...comp(dsd.measure), usage: 'optional' }] },
          },
        },
      ],
      codelists: [...dsd.codelists.values()].map((cl) => ({ id: cl.id, ...maint, name: cl.name, names: { en: cl.name }, codes: cl.codes.map((k) => ({ id: k.id, name: k.name, names: { en: k.name } })) })),
      conceptSchemes: [
        {
          id: CONCEPT_SCHEME_ID,
          ...maint,
          name: 'Vindex concepts',
          names: { en: 'Vindex concepts' },
          concepts: components(dsd).map((c) => ({ id: c.id, name: c.name, names: { en: c.name } })),
        },
      ],
    },
  };
}

class StructureError extends Error {}

function need<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new StructureError(`missing ${what}`);
  return value;
}

interface RawComponent {
  id?: string;
  position?: number;
  usage?: string;
  localRepresentation?: { enumeration?: string; format?: { dataType?: string } };
}

/** Reads an SDMX-JSON 2.0 structure message with one data structure back into a Dsd. Throws an Error naming the path that is wrong. */
export function parseStructureJson(json: unknown): Dsd {
  const data = need((json as { data?: Record<string, unknown> } | null)?.data, 'data');
  const ds = need((data.dataStructures as Record<string, unknown>[] | undefined)?.[0], 'data.dataStructures[0]');
  const flow = need((data.dataflows as Record<string, unknown>[] | undefined)?.[0], 'data.dataflows[0]');
  const comps = need(ds.dataStructureComponents as Record<string, Record<string, RawComponent[]>> | undefined, 'dataStructureComponents');
  const codelists = new Map<string, Codelist>();
  for (const [i, cl] of ((data.codelists as { id?: string; name?: string; codes?: { id?: string; name?: string }[] }[] | undefined) ?? []).entries()) {
    const id = need(cl.id, `data.codelists[${i}].id`);
    codelists.set(id, { id, name: cl.name ?? id, codes: (cl.codes ?? []).map((k, j) => ({ id: need(k.id, `data.codelists[${i}].codes[${j}].id`), name: k.name ?? '' })) });
  }
  const toComponent = (raw: RawComponent, kind: Component['kind'], where: string): Component => {
    const id = need(raw.id, `${where}.id`);
    const enumeration = raw.localRepresentation?.enumeration;
    const mandatory = kind === 'attribute' ? { mandatory: raw.usage === 'mandatory' } : {};
    if (enumeration !== undefined) {
      const codelist = need(codelistIdOf(enumeration), `${where}: a Codelist URN (got ${enumeration})`);
      if (!codelists.has(codelist)) throw new StructureError(`${where} refers to codelist ${codelist}, which the message does not define`);
      return { id, kind, name: id, codelist, ...mandatory };
    }
    const dataType = raw.localRepresentation?.format?.dataType;
    if (dataType !== 'Double' && dataType !== 'ObservationalTimePeriod') throw new StructureError(`${where}: unsupported representation ${JSON.stringify(raw.localRepresentation)}`);
    return { id, kind, name: id, textType: dataType, ...mandatory };
  };
  const dimList = need(comps.dimensionList as unknown as { dimensions?: RawComponent[]; timeDimension?: RawComponent } | undefined, 'dimensionList');
  const dims = (dimList.dimensions ?? []).map((d, i) => ({ pos: need(d.position, `dimensions[${i}].position`), c: toComponent(d, 'dimension', `dimensions[${i}]`) })).sort((a, b) => a.pos - b.pos);
  if (dimList.timeDimension !== undefined) dims.push({ pos: dims.length, c: toComponent(dimList.timeDimension, 'time', 'timeDimension') });
  const measure = need(comps.measureList?.measures?.[0], 'measureList.measures[0]');
  return {
    agency: need(ds.agencyID as string | undefined, 'dataStructure agencyID'),
    id: need(ds.id as string | undefined, 'dataStructure id'),
    version: need(ds.version as string | undefined, 'dataStructure version'),
    dataflow: need(flow.id as string | undefined, 'dataflow id'),
    name: (ds.name as string | undefined) ?? '',
    dimensions: dims.map((d) => d.c),
    measure: toComponent(measure, 'measure', 'measures[0]'),
    attributes: (comps.attributeList?.attributes ?? []).map((a, i) => toComponent(a, 'attribute', `attributes[${i}]`)),
    codelists,
  };
}
