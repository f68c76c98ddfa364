import type { Command } from 'commander';

/** sample create|show|list|plan (being written). */
export function registerSample(program: Command): void {
  void program;
}
