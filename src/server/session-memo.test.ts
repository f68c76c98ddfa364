import { describe, expect, it } from 'vitest';
import type { RequestSession } from './guard.ts';
import { createSessionMemo } from './session-memo.ts';

const session = (name: string): RequestSession => ({ id: `id-${name}`, user: { name, role: 'analyst' }, csrfToken: 't', expiresAt: '2030-01-01T00:00:00.000Z' });

describe('createSessionMemo', () => {
  it('remembers a session for recheckMs, then forgets it; clear() forgets all at once', () => {
    let clock = 1000;
    const memo = createSessionMemo(250, () => clock);
    memo.set('a', session('ann'));
    memo.set('b', session('bob'));
    clock += 249;
    expect(memo.get('a')?.user.name).toBe('ann');
    clock += 1;
    expect(memo.get('a')).toBeUndefined();
    memo.set('a', session('ann'));
    memo.clear();
    expect(memo.get('a')).toBeUndefined();
    expect(memo.get('b')).toBeUndefined();
  });

  it('remembers nothing when recheckMs is 0', () => {
    const memo = createSessionMemo(0, () => 0);
    memo.set('a', session('ann'));
    expect(memo.get('a')).toBeUndefined();
  });
});
