import { existsSync, readFileSync } from 'node:fs';
import { VindexError } from '../errors.ts';
import { openModeOf } from './secret.ts';

/**
 * The encryption key of the embedded store (SQLCipher 4 format through SQLite3 Multiple Ciphers):
 * from VINDEX_DB_KEYFILE (a file, mode 600, its first line) or VINDEX_DB_KEY. Neither set: the
 * store file is plain SQLite. Like the installation secret, the key never sits in the database.
 */
export function resolveStoreKey(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = env.VINDEX_DB_KEYFILE;
  if (file) {
    if (!existsSync(file)) throw new VindexError('VDX_STORE_KEY', `the key file ${file} (VINDEX_DB_KEYFILE) does not exist`);
    const mode = openModeOf(file);
    if (mode !== undefined) throw new VindexError('VDX_STORE_KEY', `the key file ${file} is readable by others (mode ${mode}); run chmod 600 ${file}`);
    const key = readFileSync(file, 'utf8').split(/\r?\n/)[0]!.trim();
    if (key.length < 16) throw new VindexError('VDX_STORE_KEY', `the key in ${file} is shorter than 16 characters`);
    return key;
  }
  const key = env.VINDEX_DB_KEY;
  if (key === undefined || key === '') return undefined;
  if (key.length < 16) throw new VindexError('VDX_STORE_KEY', 'VINDEX_DB_KEY is shorter than 16 characters');
  return key;
}
