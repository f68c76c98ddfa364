import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { VindexError } from '../../errors.ts';
import { dbOption } from '../options.ts';

/** The folder holding package.json: out/web and the default releases folder are found from here, whatever the working directory. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

interface ServeOptions {
  db?: string;
  host: string;
  port: string;
  releases?: string;
  web?: string;
  logLevel: string;
  insecureCookie?: boolean;
  allowOrigin?: string[];
  demoUsers?: string;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .summary('run the web app and its HTTP API')
    .description(
      'Serves the web app (built into out/web by `npm run build`) and the JSON API under /api (OpenAPI at /api/docs) on one port.\n' +
        'Listens on 127.0.0.1 unless --host says otherwise: put a TLS proxy in front for any other host (the session cookie is Secure).\n' +
        'Users come from `vindex user add`. Ctrl-C (SIGINT) or SIGTERM stops it after the running jobs finish.',
    )
    .addOption(dbOption())
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port (0 = any free port)', '8080')
    .option('--releases <dir>', 'folder new releases are written into (default: releases/ beside the store file; ./releases for PostgreSQL)')
    .option('--web <dir>', 'the built web app (default: out/web of this installation)')
    .addOption(new Option('--log-level <level>', 'log level').choices(['fatal', 'error', 'warn', 'info', 'debug']).default('info'))
    .option('--insecure-cookie', 'session cookie without the Secure flag: only for plain HTTP on a host other than localhost, in development')
    .option('--allow-origin <url...>', 'also accept writes from this origin (e.g. the Vite dev server http://localhost:5173)')
    .option('--demo-users <password-file>', 'synthetic stores only: add the demo users (admin, coord, coder1, coder2, analyst, checker, checker2, reader) that are missing, with the password in this file')
    .action(async (opts: ServeOptions) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new VindexError('VDX_USAGE', `--port ${opts.port} is not a port number (0–65535)`);
      const [{ openStore, resolveDbPath, isSyntheticStore }, { buildServer }, { createLogger }, users] = await Promise.all([
        import('../../store/index.ts'),
        import('../../server/app.ts'),
        import('../../server/logger.ts'),
        import('../../users/index.ts'),
      ]);
      const location = resolveDbPath(opts.db);
      const store = await openStore(location);
      let server: Awaited<ReturnType<typeof buildServer>> | undefined;
      try {
        if (opts.demoUsers !== undefined) {
          if (!(await isSyntheticStore(store))) throw new VindexError('VDX_USAGE', '--demo-users is for synthetic stores only (made by `vindex demo`); add real users with `vindex user add`');
          const password = await users.readPassword(opts.demoUsers);
          const existing = new Set((await users.listUsers(store)).map((u) => u.name));
          for (const [name, role] of Object.entries(users.DEMO_USERS)) if (!existing.has(name)) await users.createUser(store, { name, role, password, actor: 'demo' });
        }
        server = await buildServer({
          store,
          logger: createLogger(opts.logLevel),
          config: {
            releasesDir: resolve(opts.releases ?? (store.dialect === 'postgres' ? 'releases' : join(dirname(location), 'releases'))),
            webDir: resolve(opts.web ?? join(packageRoot(), 'out', 'web')),
            secureCookie: !opts.insecureCookie,
            allowedOrigins: opts.allowOrigin ?? [],
          },
        });
        const address = await server.app.listen({ host: opts.host, port });
        process.stdout.write(`Vindex is serving ${address} (store ${store.location}); Ctrl-C stops it\n`);
        const signal = await new Promise<NodeJS.Signals>((done) => {
          process.once('SIGINT', () => done('SIGINT'));
          process.once('SIGTERM', () => done('SIGTERM'));
        });
        process.stdout.write(`${signal}: stopping (waiting for running jobs)\n`);
      } finally {
        await server?.close();
        await store.close();
      }
      process.stdout.write('stopped\n');
    });
}
