/**
 * The roles' main tasks in the web app, as a user does them (labels, buttons, keyboard), shared by
 * the browser tests and the screenshot script. Each step waits for what the user would see and
 * returns the facts the tests check against the server and the store.
 *
 *   coordinator: bad file → row-level error; sample; round (progress per coder)
 *   coder: codes one unit with the keyboard only; every value saved
 *   analyst: indicators with chart and map; create release (job) → pending
 *   output checker: audit shown; approves another's release; cannot approve their own
 *   reader: the released dashboard
 *   admin: adds a user (policy errors inline), disables one (not themselves), reads and verifies the audit log
 */
import type { Page } from 'playwright-core';
import { writeSyntheticFile } from '../src/synth/index.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Job runs (imports, releases) may take this long on a slow machine. */
export const JOB_TIMEOUT_MS = 60_000;

export async function badFile(dir: string): Promise<{ name: string; mimeType: string; buffer: Buffer }> {
  const out = join(dir, 'bad-date.csv');
  await writeSyntheticFile({ seed: 7, series: 3, corrupt: 'bad-date', out });
  return { name: 'bad-date.csv', mimeType: 'text/csv', buffer: readFileSync(out) };
}

export async function go(page: Page, screen: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: screen, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: screen }).waitFor();
}

/**
 * Uploads a refused file; returns the rows of the issue table (file, row, field, value, problem), or —
 * when the job's error carries no issue list — the error message, which names file:row and field.
 */
export async function importBadFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<{ table: string[]; message: string }> {
  await go(page, 'Import');
  await page.getByLabel('Data file (.csv, .jsonl)').setInputFiles(file);
  await page.getByRole('button', { name: 'Import' }).click();
  const refused = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await refused.waitFor({ timeout: JOB_TIMEOUT_MS });
  const table = page.getByRole('table', { name: 'Problems found in the file' });
  return { table: (await table.count()) > 0 ? await table.locator('tbody tr').allInnerTexts() : [], message: await refused.innerText() };
}

export async function drawSample(page: Page, size: number): Promise<string> {
  await go(page, 'Samples');
  await page.getByLabel('Sample size (series)').fill(String(size));
  await page.getByLabel('Seed').fill('11');
  await page.getByRole('button', { name: 'Draw sample' }).click();
  const ok = page.getByRole('status').filter({ hasText: /Sample \S+ drawn/ });
  await ok.waitFor();
  return (/Sample (\S+) drawn/.exec(await ok.innerText()) ?? [])[1] ?? '';
}

export async function createRound(page: Page, coders: readonly string[]): Promise<{ heading: string; coders: string[] }> {
  await go(page, 'Coding rounds');
  await page.getByLabel('Coders (user names, comma-separated)').fill(coders.join(', '));
  await page.getByLabel('Overlap, % coded twice').fill('30');
  await page.getByRole('button', { name: 'Create round' }).click();
  const heading = page.getByRole('heading', { name: /Progress of round/ });
  await heading.waitFor();
  const list = page.getByRole('list', { name: 'Progress per coder' });
  await list.waitFor();
  return { heading: await heading.innerText(), coders: await list.getByRole('listitem').allInnerTexts() };
}

interface FormVariable { name: string; record: 'series' | 'victim'; kind: 'category' | 'count' | 'severity-code'; codes: { code: string }[]; codesByScale: Record<string, string[]> | null }
interface UnitForm { round: string; seriesKey: string; victims: string[]; variables: FormVariable[] }

/** A valid code for each field of the form, in the form's order (series fields, then each victim's). */
function answersFor(form: UnitForm): { variable: string; code: string }[] {
  const pick = (v: FormVariable): string => {
    if (v.kind === 'count') return '1';
    if (v.kind === 'severity-code') return v.codesByScale!['copine']![0]!;
    if (v.name === 'victim.severityScale') return 'copine';
    return v.codes[0]!.code;
  };
  const out = form.variables.filter((v) => v.record === 'series').map((v) => ({ variable: v.name, code: pick(v) }));
  for (const _victim of form.victims) out.push(...form.variables.filter((v) => v.record === 'victim').map((v) => ({ variable: v.name, code: pick(v) })));
  return out;
}

/**
 * Codes the first unit of the queue with the keyboard only: an invalid code first (inline error,
 * Esc undoes it), then a valid code and Enter in every field; then Ctrl+Enter to the next unit.
 */
export async function codeFirstUnit(page: Page): Promise<{ round: string; seriesKey: string; fields: number; invalidMessage: string; nextHeading: string }> {
  const heading = page.locator('#unit-h');
  await heading.waitFor();
  const seriesKey = (await heading.locator('.mono').innerText()).trim();
  const queue = await page.evaluate(async () => (await (await fetch('/api/coding/queue')).json()) as { rounds: { round: string; units: { seriesKey: string }[] }[] });
  const round = queue.rounds.find((r) => r.units.some((u) => u.seriesKey === seriesKey))!.round;
  const form = await page.evaluate(async (url) => (await (await fetch(url)).json()) as UnitForm, `/api/coding/${round}/units/${encodeURIComponent(seriesKey)}`);
  const answers = answersFor(form);

  // The first empty field has the focus; a code that is not allowed shows an inline error.
  await page.keyboard.type('zzz');
  const error = page.locator('.code-row.has-error .field-error');
  await error.waitFor();
  const invalidMessage = await error.innerText();
  await page.keyboard.press('Escape');

  for (const a of answers) {
    await page.keyboard.type(a.code);
    await page.keyboard.press('Enter');
  }
  await page.getByText(`${answers.length}/${answers.length} values coded`).waitFor();
  await page.locator('.save-saving').waitFor({ state: 'detached' });
  await page.keyboard.press('Control+Enter');
  await page.locator('#unit-h .mono').filter({ hasNotText: seriesKey }).waitFor();
  return { round, seriesKey, fields: answers.length, invalidMessage, nextHeading: await heading.innerText() };
}

/**
 * On the open unit, codes its first list (category) field with a digit: the first fields up to
 * it get a valid code typed, then "2" picks the list's second code. Returns what was picked.
 */
export async function pickSecondCodeWithDigit(page: Page, round: string): Promise<{ seriesKey: string; variable: string; code: string }> {
  const seriesKey = (await page.locator('#unit-h .mono').innerText()).trim();
  const form = await page.evaluate(async (url) => (await (await fetch(url)).json()) as UnitForm, `/api/coding/${round}/units/${encodeURIComponent(seriesKey)}`);
  const answers = answersFor(form);
  const at = form.variables.findIndex((v) => v.kind === 'category');
  for (const a of answers.slice(0, at)) {
    await page.keyboard.type(a.code);
    await page.keyboard.press('Enter');
  }
  const variable = form.variables[at]!;
  await page.keyboard.press('2');
  await page.locator('.save-saving').waitFor({ state: 'detached' });
  await page.getByText(`${at + 1}/${answers.length} values coded`).waitFor();
  return { seriesKey, variable: variable.name, code: variable.codes[1]!.code };
}

export async function viewIndicators(page: Page): Promise<{ mapSvg: boolean; chartSvg: boolean; title: string }> {
  await go(page, 'Indicators');
  await page.locator('.map-canvas svg').waitFor({ timeout: JOB_TIMEOUT_MS });
  await page.locator('.chart-canvas svg').waitFor({ timeout: JOB_TIMEOUT_MS });
  return { mapSvg: true, chartSvg: true, title: await page.locator('#ind-h').innerText() };
}

/** Creates a release of one indicator (a small release keeps the test fast). */
export async function createRelease(page: Page, indicatorTitle: string): Promise<string> {
  await go(page, 'Releases');
  const indicators = page.getByRole('group', { name: 'Indicators' });
  await indicators.getByRole('button', { name: 'None' }).click();
  await indicators.getByLabel(indicatorTitle, { exact: true }).check();
  await page.getByRole('button', { name: 'Create release' }).click();
  const ok = page.getByRole('status').filter({ hasText: /Release \S+ created/ });
  const failed = page.getByRole('alert').filter({ hasText: 'The release was not created' });
  await ok.or(failed).waitFor({ timeout: JOB_TIMEOUT_MS });
  if (await failed.isVisible()) throw new Error(await failed.innerText());
  return (/Release (\S+) created/.exec(await ok.innerText()) ?? [])[1] ?? '';
}

/** Opens a pending release on the review screen; returns the audit facts and whether Approve is enabled. */
export async function openReview(page: Page, id: string): Promise<{ facts: string; approveEnabled: boolean; note: string | null }> {
  await go(page, 'Release review');
  await page.getByRole('button', { name: `Review release ${id}` }).click();
  const audit = page.getByLabel('Disclosure audit');
  await audit.waitFor();
  const approve = page.getByRole('button', { name: 'Approve and release' });
  const note = page.locator('#own-note');
  return { facts: await audit.innerText(), approveEnabled: await approve.isEnabled(), note: (await note.count()) > 0 ? await note.innerText() : null };
}

export async function approve(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Approve and release' }).click();
  const ok = page.getByRole('status').filter({ hasText: /approved and released/ });
  await ok.waitFor();
  return ok.innerText();
}

export async function reject(page: Page, reason: string): Promise<string> {
  await page.getByLabel('Reason').selectOption(reason);
  await page.getByRole('button', { name: 'Reject' }).click();
  const ok = page.getByRole('status').filter({ hasText: /rejected/ });
  await ok.waitFor();
  return ok.innerText();
}

export async function readDashboard(page: Page): Promise<{ banner: string; rows: number }> {
  await go(page, 'Dashboard');
  const banner = page.getByLabel('Release', { exact: true });
  await banner.waitFor();
  await page.locator('.chart-canvas svg').waitFor({ timeout: JOB_TIMEOUT_MS });
  return { banner: await banner.innerText(), rows: await page.locator('#dash-table-h + .table-wrap tbody tr').count() };
}

/** Adds a user on the Users screen (role by its label); returns the success message or the inline errors shown. */
export async function addUser(page: Page, user: { name: string; role: string; password: string; confirm?: string }): Promise<{ ok: string | null; errors: string[] }> {
  await go(page, 'Users');
  await page.getByLabel('User name').fill(user.name);
  await page.getByLabel('Role').selectOption({ label: user.role });
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByLabel('Confirm password').fill(user.confirm ?? user.password);
  await page.getByRole('button', { name: 'Add user' }).click();
  const ok = page.getByRole('status', { name: 'Last action' }).filter({ hasText: `User ${user.name} added` });
  const errors = page.locator('#add-user-h ~ form .field-error');
  await ok.or(errors.first()).waitFor();
  return { ok: (await ok.count()) > 0 ? await ok.innerText() : null, errors: await errors.allInnerTexts() };
}

/** The Users table's row of `name`, as text (user, role, state, created, last sign-in). */
export async function userRow(page: Page, name: string): Promise<string> {
  const row = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${name}\\b`) }) });
  return row.innerText();
}

/** Disables a user after the confirmation; returns the success message or the server's refusal. */
export async function disableUser(page: Page, name: string): Promise<{ ok: string | null; refused: string | null }> {
  await page.getByRole('button', { name: `Disable ${name}`, exact: true }).click();
  await page.getByRole('heading', { name: `Disable ${name}?` }).waitFor();
  await page.getByRole('button', { name: `Yes, disable ${name}` }).click();
  const ok = page.getByRole('status', { name: 'Last action' }).filter({ hasText: `User ${name} disabled` });
  const refused = page.getByRole('region', { name: `Disable ${name}?` }).getByRole('alert');
  await ok.or(refused).waitFor();
  return { ok: (await ok.count()) > 0 ? await ok.innerText() : null, refused: (await refused.count()) > 0 ? await refused.innerText() : null };
}

/** A sign-in on a fresh sign-in form; returns the alert it shows, or null when the user got in. */
export async function trySignIn(page: Page, name: string, password: string): Promise<string | null> {
  await page.goto('/');
  await page.getByLabel('User name').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const alert = page.getByRole('alert');
  const shell = page.getByRole('button', { name: 'Sign out' });
  await alert.or(shell).waitFor();
  return (await alert.count()) > 0 ? alert.innerText() : null;
}

/** The audit screen filtered by an action prefix; returns the rows (seq, time, actor, action, object, detail) as text. */
export async function readAudit(page: Page, action: string): Promise<string[]> {
  await go(page, 'Audit log');
  await page.getByLabel('Action (or its start)').fill(action);
  await page.getByRole('button', { name: 'Filter' }).click();
  await page.getByRole('status').filter({ hasText: `action starting “${action}”` }).waitFor();
  return page.getByRole('table', { name: 'Audit entries' }).locator('tbody tr').allInnerTexts();
}

/** Presses "Verify chain"; returns what the check says (pass or the first broken entry). */
export async function verifyChain(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Verify chain' }).click();
  const pass = page.getByRole('status', { name: 'Chain check result' }).filter({ hasText: 'Chain intact' });
  const broken = page.getByRole('alert').filter({ hasText: 'Chain broken' });
  await pass.or(broken).waitFor();
  return (await pass.count()) > 0 ? pass.innerText() : broken.innerText();
}

/** On the audit screen: shows every entry, then presses "Load 50 more" once; returns the seqs in the table after each step. */
export async function auditPages(page: Page): Promise<{ first: number[]; more: number[] }> {
  await page.getByRole('button', { name: 'Show all' }).click();
  await page.getByRole('status').filter({ hasText: /^50 entries shown; more below\.$/ }).waitFor();
  const seqs = async (): Promise<number[]> => (await page.getByRole('table', { name: 'Audit entries' }).locator('tbody tr td:first-child').allInnerTexts()).map((t) => Number.parseInt(t, 10));
  const first = await seqs();
  await page.getByRole('button', { name: 'Load 50 more' }).click();
  await page.getByRole('status').filter({ hasText: /^(?!50 )\d+ entries shown/ }).waitFor();
  return { first, more: await seqs() };
}
