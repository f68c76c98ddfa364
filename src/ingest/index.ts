export { importFiles, formatOf, type FileSummary, type ImportFormat, type ImportOptions, type ImportProgress } from './import.ts';
export { formatIssue, formatIssues, MAX_REPORTED_ISSUES, type ImportIssue, type IssueKind } from './issues.ts';
export { checkFieldValue, MediaByteScanner, MEDIA_SIGNATURES } from './imagery-guard.ts';
export { Pseudonymiser } from './pseudonymise.ts';
