import type { Kysely } from 'kysely';

/** The initial schema. Portable SQL only (SQLite and PostgreSQL share every migration). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('meta').addColumn('key', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute();
  await db.schema.createTable('source').addColumn('code', 'text', (c) => c.primaryKey()).addColumn('kind', 'text').execute();
  await db.schema
    .createTable('import_batch')
    .addColumn('content_hash', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addColumn('codebook_version', 'text', (c) => c.notNull())
    .addColumn('sources', 'integer', (c) => c.notNull())
    .addColumn('series', 'integer', (c) => c.notNull())
    .addColumn('victims', 'integer', (c) => c.notNull())
    .addColumn('offenders', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('series')
    // A surrogate id assigned by the importer in insertion order: victims and offenders join on it
    // (sequential, compact) rather than on the random keyed hash.
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('source', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('series_source_fk', ['source'], 'source', ['code'], (fk) => fk.deferrable().initiallyDeferred())
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('first_seen', 'text', (c) => c.notNull())
    .addColumn('identified', 'text', (c) => c.notNull())
    .addColumn('identified_on', 'text')
    .addColumn('offender_identified', 'text')
    .addColumn('abuse_country_confirmed', 'text')
    .addColumn('abuse_country_suspected', 'text')
    .addColumn('victim_count', 'integer')
    .addColumn('offender_count', 'integer')
    .addColumn('image_count', 'integer')
    .addColumn('video_count', 'integer')
    .addColumn('self_generated', 'text')
    .addColumn('paraphilic_themes', 'text')
    .addColumn('victim_gender', 'text')
    .addColumn('victim_age_group', 'text')
    .addColumn('provenance', 'text')
    .addColumn('batch', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('series_batch_fk', ['batch'], 'import_batch', ['content_hash'], (fk) => fk.deferrable().initiallyDeferred())
    .execute();
  await db.schema
    .createTable('victim')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('series_key', 'text', (c) => c.notNull())
    .addColumn('series_id', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('victim_series_id_fk', ['series_id'], 'series', ['id'], (fk) => fk.deferrable().initiallyDeferred())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('age_band', 'text', (c) => c.notNull())
    .addColumn('ethnicity', 'text')
    .addColumn('identified', 'text', (c) => c.notNull())
    .addColumn('identified_on', 'text')
    .addColumn('relation', 'text')
    .addColumn('severity_scale', 'text', (c) => c.notNull())
    .addColumn('severity_code', 'text', (c) => c.notNull())
    .addColumn('penetration', 'text')
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('severity_ambiguous', 'text', (c) => c.notNull())
    .addColumn('baseline', 'text')
    .addColumn('batch', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('victim_batch_fk', ['batch'], 'import_batch', ['content_hash'], (fk) => fk.deferrable().initiallyDeferred())
    .execute();
  await db.schema
    .createTable('offender')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('series_key', 'text', (c) => c.notNull())
    .addColumn('series_id', 'integer', (c) => c.notNull())
    .addForeignKeyConstraint('offender_series_id_fk', ['series_id'], 'series', ['id'], (fk) => fk.deferrable().initiallyDeferred())
    .addColumn('visible', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('age_band', 'text')
    .addColumn('ethnicity', 'text')
    .addColumn('batch', 'text', (c) => c.notNull())
    .addForeignKeyConstraint('offender_batch_fk', ['batch'], 'import_batch', ['content_hash'], (fk) => fk.deferrable().initiallyDeferred())
    .execute();
  await db.schema.createIndex('victim_series_id').on('victim').column('series_id').execute();
  // Covering indexes for the study profile: its GROUP BYs read these in order, with no sort and no table access.
  await db.schema.createIndex('victim_profile').on('victim').columns(['identified', 'gender', 'age_band', 'severity', 'ethnicity']).execute();
  await db.schema.createIndex('series_profile').on('series').columns(['identified', 'victim_gender', 'victim_age_group', 'victim_count', 'self_generated']).execute();
  await db.schema.createIndex('offender_profile').on('offender').columns(['series_id', 'visible', 'gender']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['offender', 'victim', 'series', 'import_batch', 'source', 'meta']) await db.schema.dropTable(t).execute();
}
