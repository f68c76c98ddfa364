/**
 * Saves the key screens as PNGs under docs/screenshots/ at 1280×800, from a fresh fixture (the
 * same synthetic store and workflow as the browser tests). Run: node --import tsx e2e/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { e2eUnavailable, startE2E } from './fixture.ts';
import { badFile, codeFirstUnit, createRelease, createRound, drawSample, go, importBadFile, openReview, readDashboard, viewIndicators } from './workflow.ts';

const OUT = resolve('docs/screenshots');

const unavailable = e2eUnavailable();
if (unavailable !== null) {
  process.stderr.write(`screenshots: ${unavailable}\n`);
  process.exit(1);
}
mkdirSync(OUT, { recursive: true });
const e = await startE2E();
const saved: string[] = [];
const shot = async (page: Page, name: string): Promise<void> => {
  // Let charts finish drawing and the focus ring settle.
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}/${name}.png` });
  saved.push(`docs/screenshots/${name}.png`);
};

try {
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
  process.stdout.write(`screenshots: saved ${saved.join(', ')}\n`);
} finally {
  await e.close();
}
