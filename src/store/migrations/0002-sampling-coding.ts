import type { Kysely } from 'kysely';

/**
 * Samples, coding rounds, coder values, adjudications and the audit log (issue 4). Portable SQL
 * only. JSON columns are text holding JSON; times are ISO 8601 UTC strings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sample')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('frame', 'text', (c) => c.notNull())
    .addColumn('frame_hash', 'text', (c) => c.notNull())
    .addColumn('frame_size', 'integer', (c) => c.notNull())
    .addColumn('strata_by', 'text')
    .addColumn('design', 'text', (c) => c.notNull())
    .addColumn('seed', 'bigint', (c) => c.notNull())
    .addColumn('prng', 'text', (c) => c.notNull())
    .addColumn('allocation', 'text', (c) => c.notNull())
    .addColumn('snapshot_hash', 'text', (c) => c.notNull())
    .addColumn('codebook_version', 'text', (c) => c.notNull())
    .addColumn('software_version', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sample_unit')
    .addColumn('sample_id', 'text', (c) => c.notNull().references('sample.id'))
    .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id'))
    .addColumn('stratum', 'text')
    .addColumn('inclusion_probability', 'double precision', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('stratum_size', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('sample_unit_pk', ['sample_id', 'series_id'])
    .execute();
  await db.schema
    .createTable('coding_round')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('sample_id', 'text', (c) => c.notNull().references('sample.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('coders', 'text', (c) => c.notNull())
    .addColumn('variables', 'text', (c) => c.notNull())
    .addColumn('overlap', 'double precision', (c) => c.notNull())
    .addColumn('raters_per_overlap', 'integer', (c) => c.notNull())
    .addColumn('seed', 'bigint', (c) => c.notNull())
    .addColumn('codebook_version', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .execute();
  await db.schema
    .createTable('coding_assignment')
    .addColumn('round_id', 'text', (c) => c.notNull().references('coding_round.id'))
    .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id'))
    .addColumn('coder', 'text', (c) => c.notNull())
    .addColumn('overlap', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('coding_assignment_pk', ['round_id', 'series_id', 'coder'])
    .execute();
  await db.schema.createIndex('coding_assignment_coder').on('coding_assignment').columns(['round_id', 'coder', 'series_id']).execute();
  await db.schema
    .createTable('coding_value')
    .addColumn('round_id', 'text', (c) => c.notNull().references('coding_round.id'))
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('unit_key', 'text', (c) => c.notNull())
    .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id'))
    .addColumn('coder', 'text', (c) => c.notNull())
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('coded_at', 'text', (c) => c.notNull())
    .addColumn('codebook_version', 'text', (c) => c.notNull())
    .addColumn('sheet_hash', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('coding_value_pk', ['round_id', 'record', 'unit_key', 'coder', 'variable'])
    .execute();
  await db.schema
    .createTable('adjudication')
    .addColumn('round_id', 'text', (c) => c.notNull().references('coding_round.id'))
    .addColumn('record', 'text', (c) => c.notNull())
    .addColumn('unit_key', 'text', (c) => c.notNull())
    .addColumn('series_id', 'integer', (c) => c.notNull().references('series.id'))
    .addColumn('variable', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('adjudicator', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addColumn('codebook_version', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('adjudication_pk', ['round_id', 'record', 'unit_key', 'variable'])
    .execute();
  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('object', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['audit_log', 'adjudication', 'coding_value', 'coding_assignment', 'coding_round', 'sample_unit', 'sample']) await db.schema.dropTable(t).execute();
}
