import type { Command } from 'commander';
import { dbOption, jsonOption } from '../options.ts';
import { printJson } from '../output.ts';

export function registerInit(program: Command): void {
  program
    .command('init')
    .summary('create a new store and its installation secret')
    .description('Creates the store (SQLite file, or the tables in an existing PostgreSQL database given as postgres://…) with its schema, and the installation secret that keys every identifier hash.\nThe secret is written beside the database as <db>.secret (PostgreSQL: ~/.config/vindex/pg-<hash>.secret; see docs/postgres.md), or to $VINDEX_SECRET_FILE, with mode 600: keep it outside backups of the database and never share it.\nWith $VINDEX_DB_KEYFILE (a file of mode 600 holding the key) or $VINDEX_DB_KEY set, the file is encrypted at rest (SQLCipher 4 format); every later command needs the same key.')
    .addOption(dbOption())
    .option('--force', 'replace an existing store and secret (destroys their data)')
    .addOption(jsonOption())
    .action(async (opts: { db?: string; force?: boolean; json?: boolean }) => {
      const [{ initStore, resolveDbPath }, { resolveStoreKey }] = await Promise.all([import('../../store/index.ts'), import('../../store/key.ts')]);
      const location = resolveDbPath(opts.db);
      const encrypted = resolveStoreKey() !== undefined;
      const store = await initStore(location, { force: opts.force ?? false });
      const result = { db: store.location, secret: store.secretFile, encrypted };
      await store.close();
      if (opts.json) printJson(result);
      else process.stdout.write(`Created store ${result.db}${encrypted ? ' (encrypted at rest, SQLCipher 4: keep the key apart from the file)' : ''}\nInstallation secret ${result.secret} (mode 600; keep it safe and separate from the database)\n`);
    });
}
