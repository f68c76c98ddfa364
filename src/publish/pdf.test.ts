import { readdirSync } from 'node:fs';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '../ingest/index.ts';
import { computeProfile } from '../profile/index.ts';
import { writeReport } from '../report/index.ts';
import { initStore } from '../store/index.ts';
import { writeSyntheticFile } from '../synth/index.ts';
import { choroplethSvg } from './map/choropleth.ts';
import { chromiumArgs, countPdfPages, findChromium, renderPdf } from './pdf.ts';

const chromium = await findChromium();
if (chromium === undefined) console.warn('pdf.test.ts: no Chromium found (apt-get install chromium, or set $CHROMIUM): the PDF rendering tests are skipped');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vindex-pdf-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('finding Chromium', () => {
  it('an explicit path or $CHROMIUM that is not executable counts as none', async () => {
    expect(await findChromium('/nonexistent/chromium')).toBeUndefined();
    expect(await findChromium(undefined, { CHROMIUM: '/nonexistent/chromium', PATH: '/usr/bin' })).toBeUndefined();
  });

  it('renderPdf without Chromium says how to install it and writes nothing', async () => {
    const html = join(dir, 'a.html');
    await writeFile(html, '<!doctype html><p>x</p>');
    const pdf = join(dir, 'none.pdf');
    await expect(renderPdf(html, pdf, { chromium: '/nonexistent/chromium' })).rejects.toMatchObject({ code: 'VDX_CHROMIUM_MISSING', message: expect.stringContaining('apt-get install chromium') });
    await expect(stat(pdf)).rejects.toThrow();
  });

  it('a missing HTML file is VDX_FILE_NOT_FOUND', async () => {
    await expect(renderPdf(join(dir, 'nope.html'), join(dir, 'x.pdf'))).rejects.toMatchObject({ code: 'VDX_FILE_NOT_FOUND' });
  });

  it('a browser that fails or hangs is reported and leaves no file', async () => {
    const html = join(dir, 'b.html');
    await writeFile(html, '<!doctype html><p>x</p>');
    const failing = join(dir, 'failing.sh');
    await writeFile(failing, '#!/bin/sh\necho "cannot open display" >&2\nexit 3\n');
    await chmod(failing, 0o755);
    await expect(renderPdf(html, join(dir, 'f.pdf'), { chromium: failing })).rejects.toMatchObject({ code: 'VDX_CHROMIUM_MISSING', message: expect.stringMatching(/failed to print .*exited with 3: cannot open display/) });
    const hanging = join(dir, 'hanging.sh');
    await writeFile(hanging, '#!/bin/sh\nexec sleep 30\n');
    await chmod(hanging, 0o755);
    await expect(renderPdf(html, join(dir, 'h.pdf'), { chromium: hanging, timeoutMs: 300 })).rejects.toMatchObject({ message: expect.stringContaining('timed out after 300 ms') });
    await expect(stat(join(dir, 'f.pdf'))).rejects.toThrow();
    await expect(stat(join(dir, 'h.pdf'))).rejects.toThrow();
  });

  it.skipIf(process.platform !== 'linux')('a timeout kills the whole process group, helpers included', async () => {
    const html = join(dir, 'c.html');
    await writeFile(html, '<!doctype html><p>x</p>');
    const pidFile = join(dir, 'helper.pid');
    const spawning = join(dir, 'spawning.sh');
    await writeFile(spawning, `#!/bin/sh\nsleep 30 &\necho $! > ${pidFile}\nwait\n`);
    await chmod(spawning, 0o755);
    await expect(renderPdf(html, join(dir, 'c.pdf'), { chromium: spawning, timeoutMs: 500 })).rejects.toMatchObject({ message: expect.stringContaining('timed out after 500 ms') });
    const helper = (await readFile(pidFile, 'utf8')).trim();
    // Killed: gone, or a zombie waiting for an init that may not reap it (State Z).
    const state = await readFile(`/proc/${helper}/status`, 'utf8').then((t) => /^State:\s+(\S)/m.exec(t)?.[1], () => 'gone');
    expect(['gone', 'Z', 'X']).toContain(state);
  });

  it('prints headless, offline, with a fresh profile and no header/footer', () => {
    const args = chromiumArgs('r/index.html', '/o/r.pdf', '/tmp/p');
    expect(args).toEqual(expect.arrayContaining(['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--user-data-dir=/tmp/p', '--no-pdf-header-footer', '--print-to-pdf=/o/r.pdf']));
    expect(args.at(-1)).toMatch(/^file:\/\/\/.*\/r\/index\.html$/);
  });

  it('counts page objects, not the page tree', () => {
    expect(countPdfPages(Buffer.from('1 0 obj <</Type /Pages /Kids [2 0 R 3 0 R]>> 2 0 obj <</Type /Page>> 3 0 obj <</Type/Page /Parent 1 0 R>>'))).toBe(2);
  });
});

describe.skipIf(chromium === undefined)('PDF through headless Chromium', () => {
  it('prints the demo report (300 synthetic series) to a plausible PDF', async () => {
    const data = join(dir, 'synthetic.csv');
    await writeSyntheticFile({ seed: 1, series: 300, out: data, format: 'csv' });
    const store = await initStore(join(dir, 'vindex.db'), { force: true });
    let indexPath: string;
    try {
      await importFiles({ store, files: [data] });
      indexPath = (await writeReport(await computeProfile(store), { outDir: join(dir, 'report') })).indexPath;
    } finally {
      await store.close();
    }
    const pdfFile = join(dir, 'report.pdf');
    const profilesBefore = new Set(readdirSync(tmpdir()));
    const out = await renderPdf(indexPath, pdfFile);
    console.info(`demo report PDF: ${out.pages} pages, ${out.bytes} bytes`);
    const pdf = await readFile(pdfFile);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(out.bytes).toBe(pdf.length);
    expect(out.bytes).toBeGreaterThan(50_000);
    // Every top-level section starts a page (print CSS); tables add more, but not hundreds.
    const html = await readFile(indexPath, 'utf8');
    const sections = (html.match(/<main[\s\S]*<\/main>/)?.[0].match(/<section/g) ?? []).length;
    expect(out.pages).toBe(countPdfPages(pdf));
    expect(out.pages).toBeGreaterThanOrEqual(Math.max(2, Math.floor(sections / 3)));
    expect(out.pages).toBeLessThan(200);
    // The fresh Chromium profile is removed after printing.
    expect(readdirSync(tmpdir()).filter((f) => f.startsWith('vindex-chromium-') && !profilesBefore.has(f))).toEqual([]);
  }, 180_000);

  it('prints a page with the world map (inline SVG) on one A4 page', async () => {
    const svg = choroplethSvg(new Map<string, number | null>([['DE', 40], ['FR', null], ['BR', 12]]), { title: 'Map', legend: 'Share (%)' });
    const html = join(dir, 'map.html');
    await writeFile(html, `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Map</title></head><body><figure>${svg}</figure></body></html>`);
    const out = await renderPdf(html, join(dir, 'map.pdf'));
    expect(out.pages).toBe(1);
    expect(out.bytes).toBeGreaterThan(10_000);
  }, 180_000);
});
