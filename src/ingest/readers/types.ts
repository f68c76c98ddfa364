/** A record read from an import file, with the 1-based line it starts on. */
export interface RawRecord {
  readonly line: number;
  readonly fields: Readonly<Record<string, unknown>>;
}

export interface RecordReader {
  /** Column names (CSV header, or the keys seen so far in JSON Lines); checked before records are read. */
  readonly columns: () => readonly string[];
  records(): AsyncIterable<RawRecord>;
}
