import type { Command } from 'commander';
import { registerCodingReview } from './coding-review.ts';
import { registerCodingRounds } from './coding-rounds.ts';

/** `vindex coding …`: rounds, coder sheets and progress (coding-rounds.ts); reliability, disagreements and adjudication (coding-review.ts). */
export function registerCoding(program: Command): void {
  const coding = program
    .command('coding')
    .summary('assign a sample to coders, exchange coder sheets, measure agreement, adjudicate')
    .description('The coding workflow of a sample: rounds, coder sheets, progress, reliability, disagreements and adjudication. See docs/coding.md.');
  registerCodingRounds(coding);
  registerCodingReview(coding);
}
