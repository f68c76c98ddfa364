// Regenerates the documentation pages that are derived from code; tests fail when they are stale.
import { writeFileSync } from 'node:fs';
import { errorsMarkdown } from '../src/errors.ts';

writeFileSync(new URL('../docs/errors.md', import.meta.url), errorsMarkdown());
