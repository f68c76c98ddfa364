/**
 * The error catalogue: every failure Vindex reports has a stable code, an exit code and an HTTP
 * status. Codes are never reused. docs/errors.md is generated from this table and a test fails
 * when the two differ.
 */

export interface ErrorSpec {
  /** Exit code of the CLI: 1 failed checks, 2 bad input or usage, 3 environment/store problem. */
  readonly exit: 1 | 2 | 3;
  readonly http: number;
  readonly summary: string;
  readonly hint: string;
}

export const ERROR_CATALOGUE = {
  VDX_USAGE: { exit: 2, http: 400, summary: 'The command line is not valid.', hint: 'Run the command with --help to see its arguments.' },
  VDX_STATS_REQUEST: { exit: 2, http: 400, summary: 'A `vindex stats` request is missing a field or has a wrongly typed one.', hint: 'Run `vindex stats METHOD --help` for the request fields.' },
  VDX_STATS_UNKNOWN_METHOD: { exit: 2, http: 404, summary: 'No statistical method has that name.', hint: 'Run `vindex stats --list`.' },
  VDX_STATS_NUMERIC: { exit: 1, http: 422, summary: 'The estimator cannot give a meaningful answer for these data (for example complete separation).', hint: 'Read the message; it names the cause and what to change.' },
  VDX_IMPORT_INVALID: { exit: 2, http: 422, summary: 'An import file has rows or fields that break the codebook; nothing was written.', hint: 'Fix the rows listed (file, row, field, value, allowed) and import again.' },
  VDX_IMPORT_IMAGERY: { exit: 2, http: 422, summary: 'An import file carries image or video bytes, base64 blobs, data: URIs or media links; nothing was written.', hint: 'Vindex accepts codes, counts, dates, countries and identifiers only. Remove the media column(s) from the export.' },
  VDX_IMPORT_FORMAT: { exit: 2, http: 415, summary: 'The file is not a readable CSV or JSON Lines file.', hint: 'Use .csv (header row of codebook variable names) or .jsonl (one JSON object per line).' },
  VDX_STORE_KEY: { exit: 3, http: 503, summary: 'The store file cannot be opened with the key given: the key is wrong, missing for an encrypted file, given for a plain one, or its key file is missing, too short or readable by others.', hint: 'Set VINDEX_DB_KEYFILE (a file of mode 600) or VINDEX_DB_KEY to the key the store was created with (vindex init with the key set encrypts a new store).' },
  VDX_STORE_NOT_INITIALISED: { exit: 3, http: 503, summary: 'There is no Vindex store or installation secret yet.', hint: 'Run `vindex init` (or `vindex demo`).' },
  VDX_STORE_EXISTS: { exit: 2, http: 409, summary: 'A store already exists at that location.', hint: 'Choose another --db, or pass --force to start afresh.' },
  VDX_STORE_UNREACHABLE: { exit: 3, http: 503, summary: 'The PostgreSQL server of the store cannot be reached or refuses the connection (wrong host, port, user or password).', hint: 'Check VINDEX_DB / --db (postgres://user:password@host:port/database) and that the server is running (docs/postgres.md).' },
  VDX_STORE_EMPTY: { exit: 1, http: 409, summary: 'The store holds no victims to analyse.', hint: 'Import data first (`vindex import FILE`), or run `vindex demo`.' },
  VDX_SECRET_INVALID: { exit: 3, http: 500, summary: 'The installation secret is unreadable or has unsafe permissions.', hint: 'The secret file must be 64 hex characters with mode 600; restore it from your backup.' },
  VDX_FILE_NOT_FOUND: { exit: 2, http: 404, summary: 'A named file does not exist or cannot be read.', hint: 'Check the path.' },
  VDX_SAMPLE_INVALID: { exit: 2, http: 422, summary: 'The sampling frame or design cannot give a sample (empty frame, size larger than the frame, unknown variable, missing Neyman standard deviations, a minimum per stratum that exceeds the size).', hint: 'Read the message; it names the option to change. `vindex sample create --help` lists the frame filters and designs.' },
  VDX_SAMPLE_NOT_FOUND: { exit: 2, http: 404, summary: 'No sample has that id in this store.', hint: 'Run `vindex sample list` for the samples of this store.' },
  VDX_ROUND_INVALID: { exit: 2, http: 422, summary: 'The coding round cannot be set up as asked (too few coders, overlap out of range, a variable that cannot be coded).', hint: 'Read the message; `vindex coding round create --help` lists the options.' },
  VDX_ROUND_NOT_FOUND: { exit: 2, http: 404, summary: 'No coding round has that id in this store.', hint: 'Run `vindex coding round list` for the rounds of this store.' },
  VDX_SHEET_INVALID: { exit: 2, http: 422, summary: 'A coder sheet has rows or fields that break the codebook or the round (unknown unit, unknown code, unit not assigned to that coder); nothing was written.', hint: 'Fix the rows listed (file, row, field, value, allowed) and import the sheet again.' },
  VDX_CODE_INVALID: { exit: 2, http: 422, summary: 'A value entered for a coding variable is not one of its codes (or does not fit the unit, the record or the severity scale coded with it); nothing was saved.', hint: 'The message names the variable and the allowed codes; choose one of them.' },
  VDX_ROUND_CLOSED: { exit: 2, http: 409, summary: 'The coding round is closed: it takes no more values.', hint: 'Ask the coordinator; a closed round stays as it was closed.' },
  VDX_CODING_UNIT_NOT_FOUND: { exit: 2, http: 404, summary: 'No unit with that key is assigned to you in that round (it may not exist, or belong to another coder).', hint: 'Open your coding queue for the units assigned to you.' },
  VDX_ADJUDICATION_INVALID: { exit: 2, http: 422, summary: 'An adjudication names a unit, variable, value or reason that the round does not have.', hint: 'Run `vindex coding disagreements` for what needs deciding, and `vindex coding adjudicate --help` for the reasons.' },
  VDX_INDICATOR_DEFINITION: { exit: 2, http: 422, summary: 'An indicator definition (built-in or from --definitions) names an unknown variable, code, dimension or unit, or is malformed.', hint: 'The message names the file, the path in it and what is allowed; `vindex indicators list` shows valid definitions, docs/indicators.md the format.' },
  VDX_SDMX_INVALID: { exit: 1, http: 422, summary: 'An SDMX file (SDMX-CSV, SDMX-JSON data or structure) does not match the Vindex data structure definition, or an indicator set cannot be expressed in it.', hint: 'The message lists file, row or observation, component and value; fix the writer input or regenerate the files.' },
  VDX_CHROMIUM_MISSING: { exit: 3, http: 503, summary: 'No headless Chromium was found to print the report to PDF (or it failed to print).', hint: 'Install it (`apt-get install chromium` on Debian/Ubuntu) or set $CHROMIUM to its path; the HTML report is unaffected.' },
  VDX_DISCLOSURE_TABLE: { exit: 2, http: 422, summary: 'A table given to disclosure control is malformed: a negative or fractional count, a cell id defined twice with different values, a total that is not the sum of its parts, an unknown cell or rule.', hint: 'The message names the table, cell and constraint; fix the aggregation that produced it.' },
  VDX_DISCLOSURE_INFEASIBLE: { exit: 1, http: 422, summary: 'No protection exists for these tables under the options given (no suppression pattern protects a sensitive cell, or no controlled rounding keeps every total additive).', hint: 'Read the message; coarsen the table, lower the protection levels or use another method (suppression instead of rounding).' },
  VDX_DISCLOSURE_SMALL_COUNT: { exit: 1, http: 500, summary: 'An output about to be published holds a count below the disclosure threshold.', hint: 'This is a bug in the pipeline that produced the output: nothing was written. Please report it with the command you ran.' },
  VDX_SOLVER_FAILED: { exit: 3, http: 500, summary: 'The HiGHS LP/MIP solver failed to load, rejected a model or stopped without an answer.', hint: 'The message gives the solver status; please report it with the command you ran.' },
  VDX_RELEASE_INVALID: { exit: 1, http: 422, summary: 'A release folder does not match its manifest: a file is missing, added or changed, a count breaks the release\'s disclosure rule, an SDMX file breaks its structure, or the store recorded another manifest.', hint: 'Each problem names the file; restore the release from its original copy, or create a new release.' },
  VDX_RELEASE_EXISTS: { exit: 2, http: 409, summary: 'The folder given for a new release already holds files: releases are never overwritten.', hint: 'Choose a new --out folder (each release keeps its own).' },
  VDX_AUDIT_BROKEN: { exit: 1, http: 500, summary: 'The audit log fails verification: an entry was edited, deleted or reordered.', hint: 'The entry named is the first that does not verify; restore the store from a backup and investigate.' },
  VDX_UNAUTHENTICATED: { exit: 2, http: 401, summary: 'The request needs a signed-in user: there is no session cookie, or the session ended (signed out, idle too long, or past its absolute lifetime).', hint: 'Sign in again (POST /api/session).' },
  VDX_LOGIN_FAILED: { exit: 2, http: 401, summary: 'The user name or password is wrong, or the account is disabled.', hint: 'Check both and try again; after several failures in a row the account is locked for a while.' },
  VDX_ACCOUNT_LOCKED: { exit: 2, http: 423, summary: 'The account is locked after too many failed sign-ins in a row.', hint: 'Wait until the lock ends (the message says when), or ask an admin to reset the password (`vindex user reset NAME`).' },
  VDX_PASSWORD_POLICY: { exit: 2, http: 400, summary: 'The new password is too short or too long.', hint: 'Use at least 12 characters (a passphrase of several words is easy to remember), at most 256.' },
  VDX_USER_NOT_FOUND: { exit: 2, http: 404, summary: 'No user has that name.', hint: 'Run `vindex user list` (or GET /api/users) for the users.' },
  VDX_FORBIDDEN: { exit: 2, http: 403, summary: 'The signed-in user\'s role may not do this.', hint: 'docs/server.md lists which roles may call each endpoint; ask an admin if your role is wrong.' },
  VDX_FOUR_EYES: { exit: 2, http: 403, summary: 'A release cannot be approved by the user who created it (four-eyes rule).', hint: 'Ask another output-checker to approve it.' },
  VDX_CSRF: { exit: 2, http: 403, summary: 'A state-changing request came without the session\'s CSRF token (x-csrf-token header) or from another origin.', hint: 'Send the csrfToken returned by GET /api/session in the x-csrf-token header, from the app\'s own origin.' },
  VDX_RATE_LIMITED: { exit: 2, http: 429, summary: 'Too many sign-in attempts from this client address in a short time.', hint: 'Wait a minute and try again.' },
  VDX_REQUEST_INVALID: { exit: 2, http: 400, summary: 'A request parameter, query field or body field is missing or malformed.', hint: 'The message names the field; the OpenAPI document at /api/docs describes every request.' },
  VDX_REQUEST_TOO_LARGE: { exit: 2, http: 413, summary: 'The request body is larger than the endpoint accepts.', hint: 'Send a smaller body; upload endpoints state their limit in the OpenAPI document.' },
  VDX_NOT_FOUND: { exit: 2, http: 404, summary: 'No such endpoint, object or file (or it is not visible to this user).', hint: 'Check the id in the URL; lists (e.g. GET /api/releases) show what is visible to you.' },
  VDX_CONFLICT: { exit: 2, http: 409, summary: 'The object is not in a state that allows this (e.g. approving a release that is not pending, adding a user that exists).', hint: 'Reload the object to see its current state.' },
  VDX_INTERNAL: { exit: 3, http: 500, summary: 'An unexpected internal error.', hint: 'Please report it with the command you ran.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class VindexError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'VindexError';
    this.code = code;
    this.details = details;
  }
  get exitCode(): number {
    return ERROR_CATALOGUE[this.code].exit;
  }
  get hint(): string {
    return ERROR_CATALOGUE[this.code].hint;
  }
}

/** The Markdown page docs/errors.md, generated from the catalogue. */
export function errorsMarkdown(): string {
  const lines = [
    '# Error codes',
    '',
    'Generated from `src/errors.ts` (a test fails when this page is stale). Exit codes: 0 ok, 1 failed checks, 2 bad input or usage, 3 environment or store problem.',
    '',
    '| code | exit | HTTP | meaning | what to do |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [code, spec] of Object.entries(ERROR_CATALOGUE)) {
    lines.push(`| \`${code}\` | ${spec.exit} | ${spec.http} | ${spec.summary} | ${spec.hint} |`);
  }
  return lines.join('\n') + '\n';
}
