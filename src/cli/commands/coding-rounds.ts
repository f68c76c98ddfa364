import type { Command } from 'commander';

/** coding round create|list|show|close, export-sheet, import-sheet, status, simulate (being written). */
export function registerCodingRounds(coding: Command): void {
  void coding;
}
