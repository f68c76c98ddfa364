/**
 * RFC 4180 CSV: comma-separated, CRLF line ends, a header row, fields quoted when they hold a
 * comma, quote, CR or LF (quotes doubled). Numbers are written at full precision (shortest
 * round-trip form); NaN and null are empty fields, which R's read.csv reads as NA.
 */

export type CsvValue = string | number | null;

export function csvField(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The CSV text of a header and rows, each row as long as the header. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  for (const [i, row] of rows.entries()) {
    if (row.length !== header.length) throw new RangeError(`CSV row ${i + 1} has ${row.length} fields, the header ${header.length}`);
  }
  return [header, ...rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
