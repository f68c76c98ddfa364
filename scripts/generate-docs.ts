// Regenerates the documentation pages that are derived from code; tests fail when they are stale.
import { writeFileSync } from 'node:fs';
import { CODEBOOK, codebookJsonSchema, codebookMarkdown } from '../src/codebook/index.ts';
import { errorsMarkdown } from '../src/errors.ts';

const doc = (name: string): URL => new URL(`../docs/${name}`, import.meta.url);
writeFileSync(doc('errors.md'), errorsMarkdown());
writeFileSync(doc('codebook.md'), codebookMarkdown(CODEBOOK));
writeFileSync(doc('codebook.schema.json'), JSON.stringify(codebookJsonSchema(CODEBOOK), null, 2) + '\n');
