import { vi } from 'vitest';
import { main } from '../main.ts';

/** What one in-process run of the CLI gave: its exit code and everything it wrote. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs `vindex ARGS` in this process with standard output and standard error captured (nothing
 * reaches the terminal); the spies are restored whatever happens.
 */
export async function runCli(args: readonly string[]): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    const code = await main(['node', 'vindex', ...args]);
    return { code, out: out.join(''), err: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}
