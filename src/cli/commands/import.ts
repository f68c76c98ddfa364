import type { Command } from 'commander';
import { byOption, dbOption, jsonOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';
import { progressBar } from '../progress.ts';

export function registerImport(program: Command): void {
  program
    .command('import')
    .summary('import coded metadata from CSV or JSON Lines files')
    .description(
      'Imports CSV (.csv) or JSON Lines (.jsonl, .ndjson) files of coded records (see docs/codebook.md): all files in one transaction.\n' +
        'Every row is validated against the codebook; identifiers are replaced by keyed hashes; images, video, base64 blobs, data: URIs and media links are refused.\n' +
        'On any problem nothing is written, the problems are listed (file:line field value: what is wrong (allowed: …)) and the exit code is 2.\n' +
        'Importing a file whose content was imported before does nothing. Each imported file is recorded in the audit log (`vindex audit list`).',
    )
    .argument('<files...>', 'files to import')
    .addOption(dbOption())
    .addOption(byOption())
    .addOption(jsonOption())
    .action(async (files: string[], opts: { db?: string; json?: boolean; by?: string }) => {
      const [{ importFiles }, { resolveActor }] = await Promise.all([import('../../ingest/index.ts'), import('../../audit/index.ts')]);
      const actor = resolveActor(opts.by);
      const bar = progressBar('bytes');
      const summaries = await withStore(opts.db, (store) =>
        importFiles({ store, files, actor, onProgress: (p) => bar.update(p.bytes, p.totalBytes, `${p.phase === 'scan' ? 'scanning' : 'importing'} ${p.file}`) }).finally(() => bar.stop()),
      );
      if (opts.json) return printJson({ files: summaries });
      for (const s of summaries) {
        process.stdout.write(
          s.status === 'already-imported'
            ? `${s.file}: already imported (content ${s.contentHash.slice(0, 12)}); nothing to do\n`
            : `${s.file}: imported ${s.series} series, ${s.victims} victims, ${s.offenders} offenders, ${s.sources} source records (content ${s.contentHash.slice(0, 12)})\n`,
        );
      }
    });
}
