import { createHmac } from 'node:crypto';

/**
 * Keyed pseudonyms for external identifiers: HMAC-SHA-256 under the installation secret, over the
 * entity, the source and the identifier (unit-separator joined), truncated to 128 bits (RFC 2104 §5;
 * collisions are negligible below 10^15 identifiers) and written base64url (22 characters).
 * The original identifier is never stored.
 */
export class Pseudonymiser {
  private lastInput = '';
  private lastKey = '';

  constructor(private readonly secret: Buffer) {}

  /** `remember` caches the last key: victim and offender rows follow their series, so the parent key repeats. */
  key(entity: 'series' | 'victim' | 'offender', source: string, id: string, remember = false): string {
    const input = `${entity}\u001f${source}\u001f${id}`;
    if (remember && input === this.lastInput) return this.lastKey;
    const key = createHmac('sha256', this.secret).update(input).digest().subarray(0, 16).toString('base64url');
    if (remember) {
      this.lastInput = input;
      this.lastKey = key;
    }
    return key;
  }
}
