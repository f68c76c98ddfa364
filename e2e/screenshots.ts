/**
 * Saves the key screens as PNGs under docs/screenshots/ at 1280×800, from a fresh fixture (the
 * same synthetic store and workflow as the browser tests). Run: node --import tsx e2e/screenshots.ts
 * [name…] — with names (e.g. admin-users admin-audit), only those images are written, and the
 * admin steps or the role workflow are run only when one of their images is asked for.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { e2eUnavailable, passwordOf, startE2E } from './fixture.ts';
import { addUser, badFile, codeFirstUnit, createRelease, createRound, drawSample, go, importBadFile, openReview, readAudit, readDashboard, verifyChain, viewIndicators } from './workflow.ts';

const OUT = resolve('docs/screenshots');
const WORKFLOW_SHOTS = ['sign-in', 'coordinator-import-error', 'coder-form', 'coordinator-rounds', 'analyst-indicators', 'checker-review', 'reader-dashboard'];
const ADMIN_SHOTS = ['admin-users', 'admin-audit'];
const only = process.argv.slice(2);
const unknown = only.filter((n) => !WORKFLOW_SHOTS.includes(n) && !ADMIN_SHOTS.includes(n));
if (unknown.length > 0) {
  process.stderr.write(`screenshots: no screenshot named ${unknown.join(', ')}; the names are ${[...WORKFLOW_SHOTS, ...ADMIN_SHOTS].join(', ')}\n`);
  process.exit(2);
}
const wanted = (name: string): boolean => only.length === 0 || only.includes(name);

const unavailable = e2eUnavailable();
if (unavailable !== null) {
  process.stderr.write(`screenshots: ${unavailable}\n`);
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });
const e = await startE2E();
const saved: string[] = [];
const shot = async (page: Page, name: string): Promise<void> => {
  if (!wanted(name)) return;
  // Let charts finish drawing and the focus ring settle.
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  saved.push(`docs/screenshots/${name}.png`);
};

try {
  if (WORKFLOW_SHOTS.some(wanted)) await workflowShots();
  if (ADMIN_SHOTS.some(wanted)) await adminShots();
  process.stdout.write(`screenshots: saved ${saved.join(', ')}\n`);
} finally {
  await e.close();
}

async function workflowShots(): Promise<void> {
  const signIn = await e.page();
  await signIn.goto('/');
  await signIn.getByLabel('User name').waitFor();
  await shot(signIn, 'sign-in');

  const coord = await e.signedIn('coord');
  await importBadFile(coord, await badFile(e.tmp.dir));
  await shot(coord, 'coordinator-import-error');
  await drawSample(coord, 30);
  await createRound(coord, ['coder1', 'coder2']);

  const coder = await e.signedIn('coder1');
  await codeFirstUnit(coder);
  // The second unit half done, with one code that is not allowed, as a coder sees it mid-way.
  await coder.keyboard.type('2');
  await coder.keyboard.press('Enter');
  await coder.keyboard.type('yes');
  await coder.keyboard.press('Enter');
  await coder.keyboard.type('maybe');
  await coder.locator('.code-row.has-error').waitFor();
  await shot(coder, 'coder-form');

  // A fresh rounds screen, so the progress shown is read after the coder's work.
  await go(coord, 'Samples');
  await go(coord, 'Coding rounds');
  await coord.getByRole('button', { name: 'Progress of round r1' }).click();
  await coord.getByRole('list', { name: 'Progress per coder' }).waitFor();
  await coord.evaluate(() => document.getElementById('progress-h')?.scrollIntoView({ block: 'center' }));
  await shot(coord, 'coordinator-rounds');

  const analyst = await e.signedIn('analyst');
  await viewIndicators(analyst);
  await shot(analyst, 'analyst-indicators');
  const releaseId = await createRelease(analyst, 'Victims who remain unidentified');

  const checker = await e.signedIn('checker');
  await openReview(checker, releaseId);
  await checker.evaluate(() => document.getElementById('review-h')?.scrollIntoView({ block: 'start' }));
  await shot(checker, 'checker-review');
  await checker.getByRole('button', { name: 'Approve and release' }).click();
  await checker.getByRole('status').filter({ hasText: /approved and released/ }).waitFor();

  const reader = await e.signedIn('reader');
  await readDashboard(reader);
  await shot(reader, 'reader-dashboard');
}

async function adminShots(): Promise<void> {
  const admin = await e.signedIn('admin');
  await addUser(admin, { name: 'coder3', role: 'Coder', password: passwordOf('coder3') });
  await shot(admin, 'admin-users');
  await readAudit(admin, 'user.');
  await verifyChain(admin);
  await shot(admin, 'admin-audit');
}
