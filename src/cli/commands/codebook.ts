import { type Command, Option } from 'commander';
import { printJson } from '../output.ts';

export function registerCodebook(program: Command): void {
  program
    .command('codebook')
    .summary('print the codebook (Markdown, JSON Schema or JSON)')
    .description('Prints codebook v1, the single source of truth for variables, codes, validation rules and severity crosswalks.')
    .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json-schema', 'json']).default('markdown'))
    .action(async (opts: { format: 'markdown' | 'json-schema' | 'json' }) => {
      const { CODEBOOK, codebookJsonSchema, codebookMarkdown } = await import('../../codebook/index.ts');
      if (opts.format === 'markdown') process.stdout.write(codebookMarkdown(CODEBOOK));
      else if (opts.format === 'json-schema') printJson(codebookJsonSchema(CODEBOOK));
      else printJson(CODEBOOK);
    });
}
