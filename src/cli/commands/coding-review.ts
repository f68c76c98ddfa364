import type { Command } from 'commander';

/** coding reliability, disagreements, adjudicate (being written). */
export function registerCodingReview(coding: Command): void {
  void coding;
}
