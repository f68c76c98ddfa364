import { createHmac } from 'node:crypto';

/**
 * Keyed pseudonyms for external identifiers: HMAC-SHA-256 under the installation secret, over the
 * entity, the source and the identifier (unit-separator joined), base64url. The original is never stored.
 */
export class Pseudonymiser {
  constructor(private readonly secret: Buffer) {}

  key(entity: 'series' | 'victim' | 'offender', source: string, id: string): string {
    return createHmac('sha256', this.secret).update(`${entity}\u001f${source}\u001f${id}`).digest('base64url');
  }
}
