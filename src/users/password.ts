/**
 * Password hashing with Argon2id (RFC 9106) through @node-rs/argon2. The PHC string keeps the
 * salt and the cost, so a hash made with an older cost still verifies after the cost is raised.
 */
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { VindexError } from '../errors.ts';

export interface Argon2Cost {
  /** KiB. */
  readonly memoryCost: number;
  readonly timeCost: number;
  readonly parallelism: number;
}

/** OWASP's first Argon2id choice (19 MiB, 2 passes, 1 lane). Tests pass CHEAP_ARGON2. */
export const DEFAULT_ARGON2: Argon2Cost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
/** For tests only: the smallest cost Argon2 allows, still Argon2id. */
export const CHEAP_ARGON2: Argon2Cost = { memoryCost: 8, timeCost: 1, parallelism: 1 };

/** Algorithm.Argon2id; the package declares a const enum, which isolatedModules cannot read. */
const ARGON2ID = 2 as Algorithm;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

export function checkPasswordPolicy(password: string): void {
  const n = [...password].length;
  if (n < PASSWORD_MIN) throw new VindexError('VDX_PASSWORD_POLICY', `password: too short (${n} characters; at least ${PASSWORD_MIN})`);
  if (n > PASSWORD_MAX) throw new VindexError('VDX_PASSWORD_POLICY', `password: too long (at most ${PASSWORD_MAX} characters)`);
}

export function hashPassword(password: string, cost: Argon2Cost = DEFAULT_ARGON2): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: cost.parallelism });
}

/** False for a wrong password and for a malformed hash (never throws on user input). */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}
