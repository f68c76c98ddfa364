/** What the importer reports about a file: data, with wording kept in one place (messages below). */

export type IssueKind =
  | 'invalid-value'
  | 'unknown-column'
  | 'unknown-record'
  | 'imagery'
  | 'free-text'
  | 'duplicate'
  | 'orphan'
  | 'malformed';

export interface ImportIssue {
  readonly kind: IssueKind;
  readonly file: string;
  /** 1-based line of the file (the CSV header is line 1); 0 when the issue is about the whole file. */
  readonly row: number;
  readonly field: string | null;
  readonly value: string | null;
  readonly message: string;
  readonly allowed: string | null;
}

export const MAX_REPORTED_ISSUES = 50;

/** Keeps the first 50 issues and counts the rest. */
export class IssueLog {
  readonly issues: ImportIssue[] = [];
  total = 0;
  add(issue: ImportIssue): void {
    this.total++;
    if (this.issues.length < MAX_REPORTED_ISSUES) this.issues.push(issue);
  }
  get ok(): boolean {
    return this.total === 0;
  }
}

function shown(value: string | null): string {
  if (value === null) return '(empty)';
  const v = value.length > 40 ? value.slice(0, 40) + '…' : value;
  return JSON.stringify(v);
}

/** `file:row field "value": message (allowed: …)`. */
export function formatIssue(i: ImportIssue): string {
  const where = i.row > 0 ? `${i.file}:${i.row}` : i.file;
  const field = i.field ? ` field ${i.field}` : '';
  // "(empty)" only where a field's value was checked and found empty; column issues have no value.
  const value = i.field && (i.value !== null || i.kind === 'invalid-value' || i.kind === 'unknown-record') ? ` value ${shown(i.value)}` : '';
  const allowed = i.allowed ? ` (allowed: ${i.allowed})` : '';
  return `${where}${field}${value}: ${i.message}${allowed}`;
}

export function formatIssues(log: IssueLog): string {
  const lines = log.issues.map(formatIssue);
  if (log.total > log.issues.length) lines.push(`… and ${log.total - log.issues.length} more problem(s) not listed`);
  return lines.join('\n');
}
