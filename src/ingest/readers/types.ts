/** A record read from an import file, with its 1-based row (CSV: the header is row 1; JSON Lines: the line). */
export interface RawRecord {
  readonly line: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

/** Readers yield records in batches (one per chunk of the file), so the per-record cost stays low. */
export type RecordBatches = AsyncIterable<readonly RawRecord[]>;

/** A row whose shape is wrong (e.g. a CSV row with more cells than the header). */
export class MalformedRowError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}
