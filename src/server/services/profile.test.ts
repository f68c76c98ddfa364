import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { codingStore } from '../../coding/testing/fixture.ts';
import type { TempStore } from '../../ingest/testing/temp-store.ts';
import { storeCounts } from '../../ingest/testing/temp-store.ts';
import { profileOf, profileReportHtml } from './profile.ts';

let t: TempStore;
beforeAll(async () => {
  t = await codingStore({ series: 60, sampleSize: 30 });
});
afterAll(async () => t.cleanup());

const reports = (): string[] => readdirSync(tmpdir()).filter((f) => f.startsWith('vindex-report-'));

describe('profile service', () => {
  it('computes the census profile of the store', async () => {
    const p = await profileOf(t.store);
    const counts = await storeCounts(t.store);
    expect(p.manifest.counts).toMatchObject({ series: counts.series, victims: counts.victims, offenders: counts.offenders });
    expect(p.manifest.sample).toBeUndefined();
    const gender = p.tables.find((x) => x.variable === 'victim.gender' && x.population === 'all')!;
    expect(gender.total).toBe(counts.victims);
  });

  it('computes the design-based profile of a stored sample', async () => {
    const p = await profileOf(t.store, { sample: 's1' });
    expect(p.manifest.sample).toMatchObject({ id: 's1', sampleSize: 30, frameSize: 60 });
    expect(p.tables[0]!.estimator).toBe('design');
  });

  it('writes the report page the CLI writes, and leaves no folder behind', async () => {
    // A private temporary folder (os.tmpdir() reads TMPDIR), so other test files cannot add to it.
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = mkdtempSync(join(t.dir, 'tmp-'));
    onTestFinished(() => {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    });
    const page = await profileReportHtml(t.store, { title: 'Test profile' });
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<title>Test profile</title>');
    expect(page).toContain("default-src 'none'");
    expect(page).toContain('Synthetic data');
    expect(reports()).toEqual([]);
  });

  it('refuses a round without its sample', async () => {
    await expect(profileOf(t.store, { round: 'r1' })).rejects.toMatchObject({ code: 'VDX_USAGE' });
    await expect(profileReportHtml(t.store, { sample: 's1', allowIncomplete: true })).rejects.toMatchObject({ code: 'VDX_USAGE' });
    await expect(profileOf(t.store, { sample: 's9' })).rejects.toMatchObject({ code: 'VDX_SAMPLE_NOT_FOUND' });
  });
});
