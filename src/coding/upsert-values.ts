/** Writing coders' values: one row per round, unit, coder and variable; a newer value replaces the older. */
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { CodingValueTable, Database } from '../store/schema.ts';

/** Inserts coding values, replacing a coder's earlier value of the same unit and variable (sheet import and the web form). */
export async function upsertCodingValues(db: Kysely<Database> | Transaction<Database>, rows: Insertable<CodingValueTable> | readonly Insertable<CodingValueTable>[]): Promise<void> {
  await db
    .insertInto('coding_value')
    .values(Array.isArray(rows) ? [...rows] : (rows as Insertable<CodingValueTable>))
    .onConflict((oc) =>
      oc.columns(['round_id', 'record', 'unit_key', 'coder', 'variable']).doUpdateSet((eb) => ({
        value: eb.ref('excluded.value'),
        coded_at: eb.ref('excluded.coded_at'),
        codebook_version: eb.ref('excluded.codebook_version'),
        sheet_hash: eb.ref('excluded.sheet_hash'),
      })),
    )
    .execute();
}
