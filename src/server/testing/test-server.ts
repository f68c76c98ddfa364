/**
 * A server on a fresh temporary store, for tests: one user per role (password DEMO_PASSWORD),
 * cheap Argon2, the log captured in memory, and helpers to sign in and call the API with the
 * session cookie and CSRF token.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { tempStore, type TempStore } from '../../ingest/testing/temp-store.ts';
import { CHEAP_ARGON2, createUser, DEMO_USERS } from '../../users/index.ts';
import { buildServer, type VindexServer } from '../app.ts';
import type { ServerConfig } from '../config.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../guard.ts';
import { createLogger } from '../logger.ts';
import { ROLES, type Role, type RouteSpec } from '../route.ts';

/** For tests only. */
export const TEST_PASSWORD = 'correct horse battery staple';

/** The demo users: one per role, named after it ('output-checker' → 'checker'), plus a second checker and a second coder. */
export const TEST_USERS = DEMO_USERS;

export function userOfRole(role: Role): string {
  return Object.entries(TEST_USERS).find(([, r]) => r === role)![0];
}

export interface Client {
  readonly name: string;
  readonly cookie: string;
  readonly csrfToken: string;
  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

export interface TestServer extends VindexServer {
  readonly temp: TempStore;
  /** Every log line written so far, as text. */
  logText(): string;
  signIn(name: string, password?: string): Promise<Client>;
  anonymous(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown): Promise<LightMyRequestResponse>;
  cleanup(): Promise<void>;
}

export async function testServer(options: { config?: Partial<ServerConfig>; routes?: readonly RouteSpec[]; users?: Readonly<Record<string, Role>> } = {}): Promise<TestServer> {
  const temp = await tempStore();
  for (const [name, role] of Object.entries(options.users ?? TEST_USERS)) {
    await createUser(temp.store, { name, role, password: TEST_PASSWORD, actor: 'setup', cost: CHEAP_ARGON2 });
  }
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(chunk.toString('utf8'));
      cb();
    },
  });
  const releasesDir = join(temp.dir, 'releases');
  mkdirSync(releasesDir);
  const server = await buildServer({
    store: temp.store,
    logger: createLogger('info', sink),
    // recheckMs 0: tests change the store behind the server's back and expect the next request to see it.
    config: { argon2: CHEAP_ARGON2, releasesDir, webDir: join(temp.dir, 'web'), recheckMs: 0, ...options.config },
    ...(options.routes ? { routes: options.routes } : {}),
  });
  const { app } = server;
  const send = (method: string, url: string, body: unknown, headers: Record<string, string>): Promise<LightMyRequestResponse> =>
    app.inject({ method: method as 'GET', url, headers, ...(body === undefined ? {} : typeof body === 'string' || Buffer.isBuffer(body) ? { payload: body } : { payload: body as object }) });
  return {
    ...server,
    temp,
    logText: () => lines.join(''),
    async signIn(name, password = TEST_PASSWORD) {
      const res = await send('POST', '/api/session', { username: name, password }, {});
      if (res.statusCode !== 200) throw new Error(`sign-in of ${name} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
      const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
      return {
        name,
        cookie,
        csrfToken,
        request: (method, url, body, headers = {}) => send(method, url, body, { cookie: `${SESSION_COOKIE}=${cookie}`, ...(method === 'GET' ? {} : { [CSRF_HEADER]: csrfToken }), ...headers }),
      };
    },
    anonymous: (method, url, body) => send(method, url, body, {}),
    async cleanup() {
      await server.close();
      await temp.cleanup();
    },
  };
}

export { ROLES };
