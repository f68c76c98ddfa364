import { userInfo } from 'node:os';
import { VindexError } from '../errors.ts';

/** A user or coder name: lower-case letter first, then letters, digits, `.`, `_` or `-`, at most 32. */
export const NAME_PATTERN = /^[a-z][a-z0-9._-]{0,31}$/;

/** Checks a user/coder name; `what` names the option in the error. */
export function checkName(name: string, what: string): string {
  if (!NAME_PATTERN.test(name)) throw new VindexError('VDX_USAGE', `${what} "${name}" is not a valid name: use a lower-case letter, then letters, digits, ".", "_" or "-" (at most 32)`);
  return name;
}

/**
 * Who is acting, for the audit log: --by, else $VINDEX_USER, else the operating-system user
 * (single-user mode; the server issue replaces this by the signed-in user).
 */
export function resolveActor(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  const raw = option || env.VINDEX_USER || safeUsername();
  return checkName(raw.toLowerCase(), '--by / VINDEX_USER');
}

function safeUsername(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}
