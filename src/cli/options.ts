import { Option } from 'commander';
import { LONELY_PSU_OPTIONS } from '../stats/survey/design.ts';
import type { Store } from '../store/index.ts';

/** `--db FILE|URL`: the store (a SQLite file or a postgres:// URL); defaults to $VINDEX_DB, then ./vindex.db. */
export const dbOption = (): Option => new Option('--db <file>', 'store file, or postgres://user@host:port/database (default: $VINDEX_DB, else ./vindex.db)');

export const jsonOption = (): Option => new Option('--json', 'print the result as JSON');

/** Opens the store named by --db / VINDEX_DB, runs `work`, and always closes it. */
export async function withStore<T>(db: string | undefined, work: (store: Store) => Promise<T>): Promise<T> {
  const { openStore, resolveDbPath } = await import('../store/index.ts');
  const store = await openStore(resolveDbPath(db));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** `--by NAME`: who acts, for the audit log; defaults to $VINDEX_USER, else the operating-system user. */
export const byOption = (): Option => new Option('--by <name>', 'who is acting, recorded in the audit log (default: $VINDEX_USER, else your OS user name)');

/** `--lonely-psu RULE`: how a design-based estimate treats strata with one sampled series (R survey.lonely.psu); default fail. */
export const lonelyPsuOption = (): Option =>
  new Option('--lonely-psu <rule>', 'with --sample: strata with one sampled series (R survey.lonely.psu)').choices([...LONELY_PSU_OPTIONS]).default('fail');
