/**
 * The packaged world map: Natural Earth 1:110m admin-0 countries from `world-atlas` (TopoJSON,
 * keyed by ISO 3166-1 numeric code), converted once to GeoJSON features keyed by the codebook's
 * alpha-2 codes. Antarctica is left out (no indicator is about it and it takes a fifth of the
 * map); Kosovo, which has no numeric code, is matched by name; Northern Cyprus and Somaliland
 * stay without a code and are drawn as "no data".
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { COUNTRIES } from '../../codebook/countries.ts';

export interface CountryShape {
  /** ISO alpha-2, or undefined for territories the codebook has no code for. */
  readonly alpha2: string | undefined;
  readonly name: string;
  readonly feature: Feature<Geometry>;
}

const ANTARCTICA = '010';
const BY_NAME: Readonly<Record<string, string>> = { Kosovo: 'XK' };

let cached: readonly CountryShape[] | undefined;

export function worldCountries(): readonly CountryShape[] {
  if (cached !== undefined) return cached;
  const file = createRequire(import.meta.url).resolve('world-atlas/countries-110m.json');
  const topo = JSON.parse(readFileSync(file, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const byNumeric = new Map([...COUNTRIES.values()].filter((c) => c.numeric !== '').map((c) => [c.numeric, c.alpha2]));
  const shapes: CountryShape[] = [];
  for (const geom of topo.objects.countries.geometries) {
    const id = geom.id === undefined ? undefined : String(geom.id);
    if (id === ANTARCTICA) continue;
    const name = (geom.properties as { name?: string } | undefined)?.name ?? '';
    const alpha2 = id !== undefined ? byNumeric.get(id) : BY_NAME[name];
    const f = feature(topo, geom) as Feature<Geometry>;
    shapes.push({ alpha2, name: alpha2 === undefined ? name : (COUNTRIES.get(alpha2)?.name ?? name), feature: f });
  }
  cached = Object.freeze(shapes);
  return cached;
}
