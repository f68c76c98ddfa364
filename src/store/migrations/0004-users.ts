import type { Kysely } from 'kysely';

/**
 * Users, sessions and release approval (issue 6). Portable schema-builder calls only: the same
 * migration runs on SQLite and PostgreSQL. Flags are integers 0/1 and times ISO-8601 text, as in
 * the earlier tables, so comparisons of times are string comparisons on both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_user')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text')
    .execute();
  await db.schema
    .createTable('app_session')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_name', 'text', (c) => c.notNull().references('app_user.name'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('app_session_user').on('app_session').column('user_name').execute();
  await db.schema.alterTable('release').addColumn('rejected_by', 'text').execute();
  await db.schema.alterTable('release').addColumn('rejected_at', 'text').execute();
  await db.schema.alterTable('release').addColumn('reject_reason', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('app_session').execute();
  await db.schema.dropTable('app_user').execute();
  await db.schema.alterTable('release').dropColumn('reject_reason').execute();
  await db.schema.alterTable('release').dropColumn('rejected_at').execute();
  await db.schema.alterTable('release').dropColumn('rejected_by').execute();
}
