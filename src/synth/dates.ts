/**
 * Calendar days as integers (days since 1970-01-01, UTC) and their ISO strings. The generator works
 * in day numbers and formats through a precomputed table, so no Date object is made per record and
 * nothing depends on the time zone or locale.
 */

const MS_PER_DAY = 86_400_000;

/** Day number of an ISO date YYYY-MM-DD (UTC). */
export function dayOf(iso: string): number {
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not a date: ${iso}`);
  return Math.round(t / MS_PER_DAY);
}

function format(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

const TABLE_FIRST = dayOf('2000-01-01');
const TABLE_LAST = dayOf('2030-12-31');
let table: string[] | null = null;

/** The ISO string of a day number (table lookup for 2000–2030). */
export function isoOf(day: number): string {
  if (day < TABLE_FIRST || day > TABLE_LAST) return format(day);
  if (table === null) {
    table = new Array<string>(TABLE_LAST - TABLE_FIRST + 1);
    for (let d = TABLE_FIRST; d <= TABLE_LAST; d++) table[d - TABLE_FIRST] = format(d);
  }
  return table[day - TABLE_FIRST]!;
}
