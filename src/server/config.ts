/** The server's settings, with defaults; `vindex serve` and the tests fill them in. */
import { DEFAULT_ARGON2, type Argon2Cost } from '../users/index.ts';

export interface ServerConfig {
  /** Folder new releases are written into (one sub-folder per release id). */
  readonly releasesDir: string;
  /** The built web app (index.html + assets); a page saying "run npm run build" is served when missing. */
  readonly webDir: string;
  /** Default request body limit in bytes (routes may raise theirs with `bodyLimit`). */
  readonly bodyLimit: number;
  readonly argon2: Argon2Cost;
  /** A session ends after this many minutes without a request… */
  readonly sessionIdleMinutes: number;
  /** …and this many hours after sign-in in any case. */
  readonly sessionAbsoluteHours: number;
  /** Consecutive failed sign-ins that lock an account… */
  readonly lockoutFailures: number;
  /** …for this many minutes. */
  readonly lockoutMinutes: number;
  /** Sign-in attempts per client address per minute. */
  readonly loginRatePerMinute: number;
  /** Set the cookie's Secure flag (always on; off only for plain-HTTP tests of the flag itself). */
  readonly secureCookie: boolean;
  /** Origins accepted on non-GET requests besides the request's own host (e.g. the Vite dev server). */
  readonly allowedOrigins: readonly string[];
  /**
   * How long (ms) this server trusts what it read of the store's version (for cached reads) and of
   * a session, before reading it again. Its own writes and sign-outs take effect at once; a change
   * made by another process (the CLI disabling a user, a second server on PostgreSQL) within this.
   * 0 reads both on every request.
   */
  readonly recheckMs: number;
}

export const DEFAULT_CONFIG: Omit<ServerConfig, 'releasesDir' | 'webDir'> = {
  bodyLimit: 64 * 1024,
  argon2: DEFAULT_ARGON2,
  sessionIdleMinutes: 30,
  sessionAbsoluteHours: 12,
  lockoutFailures: 5,
  lockoutMinutes: 15,
  loginRatePerMinute: 10,
  secureCookie: true,
  allowedOrigins: [],
  recheckMs: 250,
};
