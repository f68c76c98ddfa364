import type { Store } from './store.ts';

/** Whether the store was filled with synthetic data (`vindex demo` sets meta synthetic = yes). */
export async function isSyntheticStore(store: Store): Promise<boolean> {
  return (await store.db.selectFrom('meta').select('value').where('key', '=', 'synthetic').executeTakeFirst())?.value === 'yes';
}
