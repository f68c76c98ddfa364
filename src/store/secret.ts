import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { VindexError } from '../errors.ts';
import { isPostgresUrl, storeFileName } from './dialects/postgres.ts';

/**
 * The installation secret: 32 random bytes (hex) that key the HMAC of every external identifier.
 * It lives outside the database (default `<db>.secret`, or VINDEX_SECRET_FILE) with mode 600, so a
 * copy of the database alone cannot be linked back to source identifiers. A PostgreSQL store has no
 * file to sit beside: its default is `$XDG_CONFIG_HOME/vindex/pg-<hash>.secret` (~/.config when
 * unset), the hash naming user, host, port and database (never the password).
 */
export function secretPath(dbPath: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.VINDEX_SECRET_FILE) return env.VINDEX_SECRET_FILE;
  if (!isPostgresUrl(dbPath)) return `${dbPath}.secret`;
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'vindex', `${storeFileName(dbPath)}.secret`);
}

export function createSecret(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'w' });
  chmodSync(path, 0o600);
}

/** The file's mode in octal when group or others have any access to it (a secret must be 600), else undefined. */
export function openModeOf(path: string): string | undefined {
  const mode = statSync(path).mode & 0o777;
  return (mode & 0o077) !== 0 ? mode.toString(8) : undefined;
}

export function readSecret(path: string): Buffer {
  if (!existsSync(path)) throw new VindexError('VDX_STORE_NOT_INITIALISED', `the installation secret ${path} does not exist`);
  const mode = openModeOf(path);
  if (mode !== undefined) throw new VindexError('VDX_SECRET_INVALID', `the installation secret ${path} is readable by others (mode ${mode}); run chmod 600 ${path}`);
  const text = readFileSync(path, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new VindexError('VDX_SECRET_INVALID', `the installation secret ${path} is not 64 hex characters`);
  return Buffer.from(text, 'hex');
}
