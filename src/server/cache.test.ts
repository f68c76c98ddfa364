import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../audit/index.ts';
import { tempStore, type TempStore } from '../ingest/testing/temp-store.ts';
import { createReadCache } from './cache.ts';

let t: TempStore;
beforeEach(async () => {
  t = await tempStore();
});
afterEach(async () => {
  await t.cleanup();
});

const audit = (action: string) => t.store.db.transaction().execute((tx) => appendAudit(tx, { actor: 'tester', action, object: 'x:1' }));

describe('ReadCache', () => {
  it('computes once per store version, also when asked concurrently; a write recomputes; sign-ins and account changes do not', async () => {
    const cache = createReadCache(t.store);
    let runs = 0;
    const compute = async () => ({ run: ++runs });
    const [a, b] = await Promise.all([cache.get('k', compute), cache.get('k', compute)]);
    expect(a).toBe(b);
    expect(runs).toBe(1);
    await audit('session.login');
    await audit('user.add');
    expect(await cache.get('k', compute)).toBe(a);
    await audit('coding.value.save');
    const c = await cache.get('k', compute);
    expect(c).toEqual({ run: 2 });
    expect(await cache.version()).toBe(3);
    expect(await cache.get('other', compute)).toEqual({ run: 3 });
  });

  it('does not remember a failed computation', async () => {
    const cache = createReadCache(t.store);
    await expect(cache.get('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('k', async () => 42)).toBe(42);
  });

  it('trusts the version read for recheckMs; invalidate() (a write of this server) reads it again at once', async () => {
    const cache = createReadCache(t.store, { recheckMs: 60_000 });
    let runs = 0;
    const compute = async () => ({ run: ++runs });
    const a = await cache.get('k', compute);
    await audit('coding.value.save'); // another process's write: not seen within recheckMs
    expect(await cache.get('k', compute)).toBe(a);
    expect(await cache.version()).toBe(0);
    cache.invalidate();
    expect(await cache.get('k', compute)).toEqual({ run: 2 });
    expect(await cache.version()).toBe(1);
  });
});
