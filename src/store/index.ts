export type { BulkWriter } from './bulk.ts';
export { columnOf, type Database, type EntityTable } from './schema.ts';
export { initStore, openStore, resolveDbPath, type Store } from './store.ts';
export { readSecret, secretPath } from './secret.ts';
export { isSyntheticStore } from './meta.ts';
