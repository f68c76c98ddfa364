/**
 * SDMX-JSON 2.0 data message (sdmx-twg/sdmx-json, data-message field guide 2.0): one structure
 * and one data set with a flat list of observations (dimensionAtObservation=AllDimensions).
 * Every dimension and attribute sits at observation level (an optional attribute no observation
 * reports is left out); the structure names its dataflow and DSD by URN in `links`; an observation key is the
 * colon-separated indices of its dimension values; the observation array is
 * [OBS_VALUE, index of each attribute value…] with null for a value not reported (a suppressed
 * or missing OBS_VALUE, an absent bound). Coded values carry {id, name}; uncoded ones (the bounds,
 * TIME_PERIOD) carry {id} or {value}.
 */

import type { IndicatorManifest } from '../../indicators/types.ts';
import type { Component, Dsd } from './dsd.ts';
import type { SdmxRow } from './rows.ts';
import { dataflowUrn, dsdUrn } from './urn.ts';

export const SDMX_JSON_DATA_SCHEMA = 'https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/data-message/tools/schemas/2.0.0/sdmx-json-data-schema.json';

interface ValueEntry {
  readonly id?: string;
  readonly name?: string;
  readonly value?: number;
}

/** Distinct values of a component in first-seen order, and an index lookup. */
function valuesOf(dsd: Dsd, c: Component, rows: readonly SdmxRow[]): { values: ValueEntry[]; index: Map<string, number> } {
  const index = new Map<string, number>();
  const values: ValueEntry[] = [];
  const names = c.codelist === undefined ? undefined : new Map(dsd.codelists.get(c.codelist)?.codes.map((k) => [k.id, k.name]));
  for (const r of rows) {
    const v = r[c.id] ?? '';
    if (v === '' || index.has(v)) continue;
    index.set(v, values.length);
    if (names !== undefined) values.push({ id: v, name: names.get(v) ?? v });
    else if (c.kind === 'time') values.push({ id: v, name: v });
    else values.push({ value: Number(v) });
  }
  return { values, index };
}

export function sdmxJsonData(rows: readonly SdmxRow[], dsd: Dsd, manifest: IndicatorManifest): unknown {
  const dims = dsd.dimensions.map((d) => ({ c: d, ...valuesOf(dsd, d, rows) }));
  // An attribute no observation reports (e.g. bounds in a set of counts) is left out: the schema wants at least one value per component.
  const attrs = dsd.attributes.map((a) => ({ c: a, ...valuesOf(dsd, a, rows) })).filter((a) => a.values.length > 0 || a.c.mandatory === true);
  const observations: Record<string, (number | null)[]> = {};
  for (const r of rows) {
    const key = dims.map((d) => d.index.get(r[d.c.id] ?? '')).join(':');
    const value = r.OBS_VALUE === undefined || r.OBS_VALUE === '' ? null : Number(r.OBS_VALUE);
    observations[key] = [value, ...attrs.map((a) => a.index.get(r[a.c.id] ?? '') ?? null)];
  }
  return {
    meta: {
      schema: SDMX_JSON_DATA_SCHEMA,
      id: `VINDEX-${manifest.snapshotHash.slice(0, 16)}`,
      test: manifest.synthetic === true,
      prepared: manifest.generatedAt,
      contentLanguages: ['en'],
      sender: { id: dsd.agency, name: 'Vindex' },
    },
    data: {
      structures: [
        {
          name: dsd.name,
          dataSets: [0],
          dimensions: {
            dataSet: [],
            series: [],
            observation: dims.map((d, keyPosition) => ({ id: d.c.id, name: d.c.name, keyPosition, roles: [d.c.id], values: d.values })),
          },
          measures: { observation: [{ id: dsd.measure.id, name: dsd.measure.name, roles: ['OBS_VALUE'] }] },
          attributes: {
            dataSet: [],
            series: [],
            observation: attrs.map((a) => ({ id: a.c.id, name: a.c.name, roles: [a.c.id], relationship: { observation: {} }, values: a.values })),
          },
          annotations: [{ id: 'VINDEX_MANIFEST', title: 'manifest', type: 'VINDEX_MANIFEST', text: JSON.stringify(manifest) }],
          links: [
            { urn: dataflowUrn(dsd), rel: 'dataflow' },
            { urn: dsdUrn(dsd), rel: 'datastructure' },
          ],
        },
      ],
      dataSets: [{ structure: 0, action: 'Information', links: [{ urn: dataflowUrn(dsd), rel: 'dataflow' }], observations }],
    },
  };
}
