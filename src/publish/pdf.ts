/**
 * PDF of an HTML report through headless Chromium (Debian's `chromium` package): no browser
 * automation library, one child process with a fresh profile directory that is removed after,
 * network features off, a timeout, and the PDF written beside the target then renamed into place
 * (a failed print never leaves a half-written file). The report is self-contained (CSP
 * default-src 'none'), so printing needs nothing from the network.
 */

import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, mkdtemp, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { VindexError } from '../errors.ts';

/** Where Chromium is looked for after --chromium and $CHROMIUM, in this order. */
export const CHROMIUM_CANDIDATES: readonly string[] = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export const DEFAULT_PDF_TIMEOUT_MS = 120_000;

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/**
 * The Chromium binary to use: `explicit`, else $CHROMIUM, else the first of CHROMIUM_CANDIDATES
 * that exists, else `chromium` on $PATH; undefined when there is none. An explicit path or
 * $CHROMIUM that is not executable counts as none (no silent fallback to another browser).
 */
export async function findChromium(explicit?: string, env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const chosen = explicit ?? (env.CHROMIUM !== undefined && env.CHROMIUM !== '' ? env.CHROMIUM : undefined);
  if (chosen !== undefined) return (await executable(chosen)) ? chosen : undefined;
  for (const c of CHROMIUM_CANDIDATES) if (await executable(c)) return c;
  for (const dir of (env.PATH ?? '').split(':').filter((d) => d !== '')) {
    for (const name of ['chromium', 'chromium-browser']) {
      const p = join(dir, name);
      if (await executable(p)) return p;
    }
  }
  return undefined;
}

export function chromiumMissing(explicit?: string): VindexError {
  const where = explicit !== undefined ? `${explicit} is not an executable file` : process.env.CHROMIUM ? `$CHROMIUM (${process.env.CHROMIUM}) is not an executable file` : `none of ${CHROMIUM_CANDIDATES.join(', ')} or chromium on $PATH exists`;
  return new VindexError('VDX_CHROMIUM_MISSING', `cannot print the report to PDF: no headless Chromium found (${where}). Install it with \`apt-get install chromium\` (Debian/Ubuntu) or set $CHROMIUM to its path; the HTML report is complete without the PDF.`);
}

/** Command-line flags for one print; exported so the flags are visible to tests and docs. */
export function chromiumArgs(htmlFile: string, pdfFile: string, profileDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--mute-audio',
    `--user-data-dir=${profileDir}`,
    '--no-pdf-header-footer',
    // The name of the flag before Chromium 120; newer versions ignore it.
    '--print-to-pdf-no-header',
    `--print-to-pdf=${pdfFile}`,
    pathToFileURL(resolve(htmlFile)).href,
  ];
}

/**
 * Runs Chromium in its own process group so that a timeout kills the browser and every helper
 * process it started (renderer, GPU, zygote), not just the first one. Keeps the last 8 kB of stderr.
 */
function runChromium(chromium: string, args: readonly string[], timeoutMs: number, htmlFile: string): Promise<void> {
  return new Promise<void>((done, fail) => {
    const child = spawn(chromium, args, { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let timedOut = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-8192);
    });
    const killGroup = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(new VindexError('VDX_CHROMIUM_MISSING', `Chromium (${chromium}) could not be started: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Helpers that outlived a normal exit go too.
      killGroup();
      if (!timedOut && code === 0) return done();
      const tail = stderr.trim().split('\n').slice(-3).join(' | ');
      const why = timedOut ? `timed out after ${timeoutMs} ms` : `exited with ${code ?? signal ?? 'an error'}`;
      fail(new VindexError('VDX_CHROMIUM_MISSING', `Chromium (${chromium}) failed to print ${htmlFile}: ${why}${tail === '' ? '' : `: ${tail}`}`));
    });
  });
}

/** Pages of a PDF: page objects (`/Type /Page`, not `/Pages`). Chromium writes them uncompressed. */
export function countPdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

export interface RenderPdfOptions {
  /** Path of the Chromium binary; default $CHROMIUM or the first one found (see findChromium). */
  readonly chromium?: string;
  /** Kill Chromium after this long; default 120 s. */
  readonly timeoutMs?: number;
}

export interface RenderedPdf {
  readonly pdfFile: string;
  readonly bytes: number;
  readonly pages: number;
  readonly chromium: string;
}

/**
 * Prints htmlFile to pdfFile (A4 and margins from the report's @media print rules). Throws
 * VDX_FILE_NOT_FOUND when the HTML is missing, VDX_CHROMIUM_MISSING when there is no Chromium or
 * it fails or times out (stderr's last lines in the message); pdfFile is then left untouched.
 */
export async function renderPdf(htmlFile: string, pdfFile: string, opts: RenderPdfOptions = {}): Promise<RenderedPdf> {
  if (!(await stat(htmlFile).then((s) => s.isFile(), () => false))) throw new VindexError('VDX_FILE_NOT_FOUND', `report ${htmlFile} does not exist`);
  const chromium = await findChromium(opts.chromium);
  if (chromium === undefined) throw chromiumMissing(opts.chromium);
  const profileDir = await mkdtemp(join(tmpdir(), 'vindex-chromium-'));
  const partial = join(dirname(resolve(pdfFile)), `.${basename(pdfFile)}.${process.pid}.partial`);
  try {
    await runChromium(chromium, chromiumArgs(htmlFile, partial, profileDir), opts.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS, htmlFile);
    const pdf = await readFile(partial).catch(() => undefined);
    if (pdf === undefined || pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
      throw new VindexError('VDX_CHROMIUM_MISSING', `Chromium (${chromium}) ran but wrote no PDF for ${htmlFile}`);
    }
    await rename(partial, pdfFile);
    return { pdfFile, bytes: pdf.length, pages: countPdfPages(pdf), chromium };
  } finally {
    await rm(partial, { force: true });
    await rm(profileDir, { recursive: true, force: true });
  }
}
