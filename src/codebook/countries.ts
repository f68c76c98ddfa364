import { COUNTRY_ROWS } from './countries.data.ts';

/** ISO 3166-1 countries with their region; `ZZ` is the explicit not-determinable code (as in Unicode CLDR). */

export const COUNTRY_NOT_DETERMINABLE = 'ZZ';

export interface Country {
  readonly alpha2: string;
  readonly alpha3: string;
  readonly numeric: string;
  readonly name: string;
  readonly region: string;
  readonly subregion: string;
}

export const COUNTRIES: ReadonlyMap<string, Country> = new Map(
  COUNTRY_ROWS.map(([alpha2, alpha3, numeric, name, region, subregion]) => [alpha2, Object.freeze({ alpha2, alpha3, numeric, name, region, subregion })]),
);

const BY_ALPHA3 = new Map([...COUNTRIES.values()].map((c) => [c.alpha3, c.alpha2]));

/** Accepts ISO alpha-2 or alpha-3 (any case) and returns alpha-2, `ZZ` for not determinable, or undefined. */
export function normaliseCountry(raw: string): string | undefined {
  const up = raw.trim().toUpperCase();
  if (up === COUNTRY_NOT_DETERMINABLE || up === 'ND' || up === 'NOTDETERMINABLE' || up === 'UNKNOWN') return COUNTRY_NOT_DETERMINABLE;
  if (up.length === 2) return COUNTRIES.has(up) ? up : undefined;
  if (up.length === 3) return BY_ALPHA3.get(up);
  return undefined;
}

export function regionOf(alpha2: string): string {
  return COUNTRIES.get(alpha2)?.region ?? 'Not determinable';
}
