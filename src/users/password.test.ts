import { describe, expect, it } from 'vitest';
import { CHEAP_ARGON2, checkPasswordPolicy, hashPassword, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('hashes with Argon2id at the given cost, salted (two hashes of one password differ), and verifies', async () => {
    const a = await hashPassword('correct horse battery staple', CHEAP_ARGON2);
    const b = await hashPassword('correct horse battery staple', CHEAP_ARGON2);
    expect(a).toMatch(/^\$argon2id\$v=19\$m=8,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(a, 'correct horse battery stapler')).toBe(false);
    expect(await verifyPassword('not a hash', 'correct horse battery staple')).toBe(false);
  });

  it('the policy: 12 to 256 characters, counted as characters not bytes', () => {
    expect(() => checkPasswordPolicy('elevenchars')).toThrow(/too short \(11 characters; at least 12\)/);
    expect(() => checkPasswordPolicy('ünïcödé-ßßß')).toThrow(/too short/);
    expect(() => checkPasswordPolicy('twelve chars')).not.toThrow();
    expect(() => checkPasswordPolicy('x'.repeat(257))).toThrow(/too long/);
  });
});
