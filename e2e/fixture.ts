/**
 * The end-to-end fixture: a temporary store with a small synthetic data set, a user of every
 * role, the real server (buildServer) on 127.0.0.1 with the built web app, and Chromium driven by
 * playwright-core (Debian's /usr/bin/chromium; never `playwright install`).
 *
 *   tempStore → synthetic file (seeded) → importFiles → users → buildServer.listen → chromium.launch
 *
 * Without Chromium the e2e tests skip with a message, except under CI=true, where that fails.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { importFiles } from '../src/ingest/index.ts';
import { tempStore, type TempStore } from '../src/ingest/testing/temp-store.ts';
import { buildServer, type VindexServer } from '../src/server/app.ts';
import { createLogger } from '../src/server/logger.ts';
import { writeSyntheticFile } from '../src/synth/index.ts';
import { CHEAP_ARGON2, createUser, DEMO_USERS, type Role } from '../src/users/index.ts';

export const CHROMIUM = process.env.VINDEX_CHROMIUM ?? '/usr/bin/chromium';
export const WEB_DIR = resolve('out/web');
const WEB_SRC = resolve('web');

/** The demo users, each with the role its name says. */
export const USERS: readonly { readonly name: string; readonly role: Role }[] = Object.entries(DEMO_USERS).map(([name, role]) => ({ name, role }));

/** Test passwords only (the store is temporary); one per user so a mix-up cannot sign in. */
export const passwordOf = (name: string): string => `e2e-passphrase-${name}-0001`;

/** Why the e2e tests cannot run here, or null when they can; under CI a missing Chromium is an error. */
export function e2eUnavailable(): string | null {
  if (existsSync(CHROMIUM)) return null;
  const why = `Chromium not found at ${CHROMIUM} (install Debian's chromium package, or set VINDEX_CHROMIUM)`;
  if (process.env.CI === 'true') throw new Error(`${why}; under CI=true the browser tests must run`);
  return why;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app into out/web when it is missing or older than any file of web/. */
export async function ensureWebBuild(): Promise<void> {
  const index = join(WEB_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(WEB_SRC)) return;
  const { build } = await import('vite');
  await build({ configFile: join(WEB_SRC, 'vite.config.ts'), logLevel: 'warn' });
  if (!existsSync(index)) throw new Error('the web build did not write out/web/index.html (run npm run build:web to see why)');
}

export interface E2E {
  readonly baseUrl: string;
  readonly tmp: TempStore;
  readonly server: VindexServer;
  readonly browser: Browser;
  /** A fresh browser context (own cookies) with one page, at 1280×800. */
  page(): Promise<Page>;
  /** A fresh page signed in as `name`, on the user's first screen. */
  signedIn(name: string): Promise<Page>;
  close(): Promise<void>;
}

export interface E2EOptions {
  /** Synthetic series imported before the server starts; default 200. */
  readonly series?: number;
}

export async function startE2E(options: E2EOptions = {}): Promise<E2E> {
  await ensureWebBuild();
  const tmp = await tempStore();
  let server: VindexServer | null = null;
  let browser: Browser | null = null;
  try {
    const data = join(tmp.dir, 'synthetic.csv');
    await writeSyntheticFile({ seed: 20260601, series: options.series ?? 200, out: data });
    await importFiles({ store: tmp.store, files: [data], actor: 'e2e' });
    for (const u of USERS) await createUser(tmp.store, { name: u.name, role: u.role, password: passwordOf(u.name), actor: 'e2e', cost: CHEAP_ARGON2 });
    server = await buildServer({
      store: tmp.store,
      logger: createLogger('silent'),
      config: { webDir: WEB_DIR, releasesDir: join(tmp.dir, 'releases'), argon2: CHEAP_ARGON2, loginRatePerMinute: 1000 },
    });
    const address = await server.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const b = browser;
    const s = server;
    const page = async (): Promise<Page> => {
      const ctx = await b.newContext({ viewport: { width: 1280, height: 800 }, baseURL: address, reducedMotion: 'reduce' });
      return ctx.newPage();
    };
    return {
      baseUrl: address,
      tmp,
      server: s,
      browser: b,
      page,
      async signedIn(name) {
        const p = await page();
        await p.goto('/');
        await p.getByLabel('User name').fill(name);
        await p.getByLabel('Password').fill(passwordOf(name));
        await p.getByRole('button', { name: 'Sign in' }).click();
        await p.getByRole('button', { name: 'Sign out' }).waitFor();
        return p;
      },
      async close() {
        await b.close();
        await s.close();
        await tmp.cleanup();
      },
    };
  } catch (e) {
    await browser?.close();
    await server?.close();
    await tmp.cleanup();
    throw e;
  }
}
