import type { Command } from 'commander';
import { VindexError } from '../../errors.ts';
import { dbOption, jsonOption, withStore } from '../options.ts';
import { printJson } from '../output.ts';

export function registerAudit(program: Command): void {
  const audit = program.command('audit').summary('list or verify the hash-chained audit log').description(
    'Every write (samples, coding rounds, sheets, adjudications) appends an entry to the audit log: actor, time, action, object and\n' +
      'a hash over the previous entry. `vindex audit verify` walks the chain and names the first entry that was edited, deleted or reordered.',
  );
  audit
    .command('verify')
    .summary('check the hash chain; exit 1 naming the first broken entry')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { db?: string; json?: boolean }) => {
      const { verifyAudit } = await import('../../audit/index.ts');
      const result = await withStore(opts.db, (store) => verifyAudit(store.db));
      if (opts.json) printJson(result);
      if (!result.ok) throw new VindexError('VDX_AUDIT_BROKEN', `audit entry ${result.failure!.seq} does not verify: ${result.failure!.reason}`, result);
      if (!opts.json) process.stdout.write(`audit log verified: ${result.entries} entries, chain intact\n`);
    });
  audit
    .command('list')
    .summary('print the audit entries')
    .option('--action <prefix>', 'only actions starting with this, e.g. coding.')
    .addOption(dbOption())
    .addOption(jsonOption())
    .action(async (opts: { db?: string; json?: boolean; action?: string }) => {
      const { listAudit } = await import('../../audit/index.ts');
      const entries = await withStore(opts.db, (store) => listAudit(store.db, opts.action ? { actionPrefix: opts.action } : {}));
      if (opts.json) return printJson(entries);
      for (const e of entries) process.stdout.write(`${String(e.seq).padStart(5)}  ${e.at}  ${e.actor.padEnd(12)} ${e.action.padEnd(22)} ${e.object}  ${e.detail}\n`);
      if (entries.length === 0) process.stdout.write('the audit log is empty\n');
    });
}
