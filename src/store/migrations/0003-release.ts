import type { Kysely } from 'kysely';

/**
 * Output releases (issue 5): one row per release, with what it was made from and how it was
 * protected. `status` is `released` in single-user mode; the server's approval step (issue 6)
 * adds `pending`/`approved`/`rejected` on the same table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('release')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('released_by', 'text')
    .addColumn('released_at', 'text')
    .addColumn('snapshot_hash', 'text', (c) => c.notNull())
    .addColumn('codebook_version', 'text', (c) => c.notNull())
    .addColumn('software_version', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('parameters', 'text', (c) => c.notNull())
    .addColumn('audit_pass', 'integer')
    .addColumn('manifest_sha256', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('release').execute();
}
