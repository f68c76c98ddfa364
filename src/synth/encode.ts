import type { EntityName } from '../codebook/index.ts';
import { COLUMNS, ENTITY_ORDER, FIELDS, NUMERIC_FIELDS } from './fields.ts';

/**
 * Row encoders for the two file formats. Generated values are plain ASCII codes, dates, counts and
 * identifiers ([A-Za-z0-9-]) that need no quoting, so `encodeInto` copies their characters straight
 * into a byte buffer between separators computed once per record type (no per-row strings). For
 * the one defective row of a corrupt file, `encodeAny` quotes and escapes whatever it is given.
 */

export type SynthFormat = 'csv' | 'jsonl';

/** Longest line `encodeInto` can write: the caller keeps at least this much room in its buffer. */
export const MAX_LINE_BYTES = 4096;

export interface RowEncoder {
  readonly format: SynthFormat;
  /** The header line ('' for JSON Lines). */
  readonly header: string;
  /** Writes one line (with its newline) of generated values at `offset`; returns the offset after it. */
  encodeInto(entity: EntityName, row: readonly string[], buf: Uint8Array, offset: number): number;
  /** One line for a row that may hold any text: quoted and escaped as needed. `extra` fills extra columns (CSV) or adds keys (JSON Lines). */
  encodeAny(entity: EntityName, row: readonly string[], extra?: Readonly<Record<string, string>>): string;
}

/** RFC 4180 cell: quoted when it holds a comma, quote, CR or LF. */
export function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
}

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** Copies an ASCII string's characters into `buf` (the hot path: values are short codes). */
function put(buf: Uint8Array, o: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[o++] = s.charCodeAt(i);
  return o;
}

function putBytes(buf: Uint8Array, o: number, b: Uint8Array): number {
  for (let i = 0; i < b.length; i++) buf[o++] = b[i]!;
  return o;
}

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const QUOTE = 0x22;

function csvEncoder(extraColumns: readonly string[]): RowEncoder {
  const columns = [...COLUMNS, ...extraColumns];
  const plans = new Map<EntityName, { lead: Uint8Array; commas: Int32Array; tail: number }>();
  for (const entity of ENTITY_ORDER) {
    const pos = FIELDS[entity].map((f) => columns.indexOf(f));
    plans.set(entity, {
      lead: ascii(entity),
      // commas[j]: separators before value j (one per column boundary crossed).
      commas: Int32Array.from(pos, (p, j) => p - (j === 0 ? 0 : pos[j - 1]!)),
      tail: columns.length - 1 - pos[pos.length - 1]!,
    });
  }
  return {
    format: 'csv',
    header: columns.map(csvCell).join(',') + '\n',
    encodeInto(entity, row, buf, offset) {
      const { lead, commas, tail } = plans.get(entity)!;
      let o = putBytes(buf, offset, lead);
      for (let j = 0; j < commas.length; j++) {
        for (let c = commas[j]!; c > 0; c--) buf[o++] = COMMA;
        o = put(buf, o, row[j]!);
      }
      for (let c = tail; c > 0; c--) buf[o++] = COMMA;
      buf[o++] = NEWLINE;
      return o;
    },
    encodeAny(entity, row, extra = {}) {
      const cells: string[] = columns.map(() => '');
      cells[0] = entity;
      FIELDS[entity].forEach((f, j) => (cells[columns.indexOf(f)] = row[j]!));
      for (const [k, v] of Object.entries(extra)) cells[columns.indexOf(k)] = v;
      return cells.map(csvCell).join(',') + '\n';
    },
  };
}

function jsonlEncoder(): RowEncoder {
  const plans = new Map<EntityName, { open: Uint8Array; keys: Uint8Array[]; quoted: boolean[] }>();
  for (const entity of ENTITY_ORDER) {
    plans.set(entity, {
      open: ascii(`{"record":"${entity}"`),
      keys: FIELDS[entity].map((f) => ascii(`,${JSON.stringify(f)}:`)),
      quoted: FIELDS[entity].map((f) => !NUMERIC_FIELDS.has(f)),
    });
  }
  return {
    format: 'jsonl',
    header: '',
    encodeInto(entity, row, buf, offset) {
      const { open, keys, quoted } = plans.get(entity)!;
      let o = putBytes(buf, offset, open);
      for (let j = 0; j < keys.length; j++) {
        const v = row[j]!;
        if (v === '') continue; // a missing value: the key is left out
        o = putBytes(buf, o, keys[j]!);
        if (quoted[j]) {
          buf[o++] = QUOTE;
          o = put(buf, o, v);
          buf[o++] = QUOTE;
        } else o = put(buf, o, v);
      }
      buf[o++] = 0x7d; // }
      buf[o++] = NEWLINE;
      return o;
    },
    encodeAny(entity, row, extra = {}) {
      const obj: Record<string, string | number> = { record: entity };
      FIELDS[entity].forEach((f, j) => {
        const v = row[j]!;
        if (v !== '') obj[f] = NUMERIC_FIELDS.has(f) && /^\d+$/.test(v) ? Number(v) : v;
      });
      Object.assign(obj, extra);
      return JSON.stringify(obj) + '\n';
    },
  };
}

/** The encoder of a format; `extraColumns` are appended to the CSV header (for the unknown-column defect). */
export function rowEncoder(format: SynthFormat, extraColumns: readonly string[] = []): RowEncoder {
  return format === 'csv' ? csvEncoder(extraColumns) : jsonlEncoder();
}
