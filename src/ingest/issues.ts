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

/**
 * Problems with the values themselves come before problems between records (duplicates, orphans),
 * so that one bad code is not buried under thousands of duplicates of an earlier import.
 */
const KIND_ORDER: readonly IssueKind[] = ['free-text', 'unknown-column', 'malformed', 'imagery', 'unknown-record', 'invalid-value', 'orphan', 'duplicate'];

const KIND_LABEL: Readonly<Record<IssueKind, string>> = {
  imagery: 'media or links',
  'free-text': 'free-text or media columns',
  'unknown-column': 'unknown columns',
  malformed: 'malformed rows',
  'unknown-record': 'unknown record types',
  'invalid-value': 'invalid values',
  orphan: 'references to missing series',
  duplicate: 'duplicates',
};

/** Keeps the first 50 issues of each kind (bounded memory) and counts them all. */
export class IssueLog {
  private readonly kept = new Map<IssueKind, ImportIssue[]>();
  readonly counts = new Map<IssueKind, number>();
  total = 0;
  add(issue: ImportIssue): void {
    this.total++;
    this.counts.set(issue.kind, (this.counts.get(issue.kind) ?? 0) + 1);
    const list = this.kept.get(issue.kind) ?? [];
    if (list.length < MAX_REPORTED_ISSUES) list.push(issue);
    this.kept.set(issue.kind, list);
  }
  /** The first 50 issues to show: problems with values first, then duplicates and orphans; file order within each. */
  get issues(): ImportIssue[] {
    return KIND_ORDER.flatMap((k) => this.kept.get(k) ?? []).slice(0, MAX_REPORTED_ISSUES);
  }
  get ok(): boolean {
    return this.total === 0;
  }
  /** `1 invalid values, 4096 duplicates` when there is more than one kind, else ''. */
  summary(): string {
    if (this.counts.size < 2) return '';
    return KIND_ORDER.filter((k) => this.counts.has(k)).map((k) => `${this.counts.get(k)} ${KIND_LABEL[k]}`).join(', ');
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
  const summary = log.summary();
  const shownIssues = log.issues;
  const lines = [...(summary ? [`(${summary})`] : []), ...shownIssues.map(formatIssue)];
  if (log.total > shownIssues.length) lines.push(`… and ${log.total - shownIssues.length} more problem(s) not listed`);
  return lines.join('\n');
}
