import { describe, expect, it } from 'vitest';
import { nextId } from './next-id.ts';

describe('nextId', () => {
  it('is <prefix>1 when no id of the form is in use', () => {
    expect(nextId('s', [])).toBe('s1');
    expect(nextId('r', ['pilot', 's4', 'r', 'rx2'])).toBe('r1');
  });

  it('is one more than the largest number in use, gaps left as they are', () => {
    expect(nextId('s', ['s1', 's3', 'lopsided'])).toBe('s4');
    expect(nextId('r', ['r2', 'r10', 'r9'])).toBe('r11');
    expect(nextId('r', ['r007'])).toBe('r8');
  });
});
