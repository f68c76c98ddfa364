import type { Html } from './html.ts';

/** A file written beside index.html, e.g. the CSV of one table. */
export interface ReportFile {
  /** Path relative to the report folder, with forward slashes: `tables/victim-gender-all.csv`. */
  readonly path: string;
  readonly content: string;
}

/**
 * One section of the report. Producers (the profile here; indicators, reliability, maps later)
 * return sections, and `renderReport` lays them out in order with a table of contents.
 */
export interface ReportSection {
  /** Unique fragment identifier (lowercase letters, digits and hyphens): the anchor `#id`. */
  readonly id: string;
  /** Heading text (escaped on output). Top-level sections are `<h2>`, subsections `<h3>`. */
  readonly title: string;
  /** Body markup, built with the `html` template tag so data are escaped. */
  readonly body: Html;
  readonly subsections?: readonly ReportSection[];
  /** Data files that belong to this section (its tables as CSV), written by `writeSections`. */
  readonly files?: readonly ReportFile[];
  /** Listed in the table of contents (default true). */
  readonly inContents?: boolean;
}
