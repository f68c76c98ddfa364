import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// Every test file that opens a store (tempStore, openStore, runCli with --db, or a fixture built on
// them) runs twice: on SQLite and, in project `postgres`, on PostgreSQL. A new store test belongs in
// this list. Not here, as they only ever open SQLite files: src/cli/commands/{demo,workflow}.test.ts
// (`vindex demo` creates its store as a file in --dir), src/publish/pdf.test.ts (a store file as
// fixture for PDF printing), src/store/{store,key}.test.ts (SQLite files and their encryption;
// src/store/postgres.test.ts is their PostgreSQL side and runs in this project only).
const STORE_TESTS = [
  'src/audit/log.test.ts',
  'src/cli/commands/{coding-review,coding-rounds,import,indicators,profile-sample,report,sample,serve,user}.test.ts',
  'src/coding/{reliability,review,round,sheet,status}.test.ts',
  'src/export/export.test.ts',
  'src/indicators/{compute,design,reference}.test.ts',
  'src/ingest/{atomicity,imagery-guard,import,pseudonymise}.test.ts',
  'src/profile/{profile,sample-profile}.test.ts',
  'src/publish/sdmx/indicators.test.ts',
  'src/release/{create,protect,tables}.test.ts',
  'src/sampling/store.test.ts',
  'src/server/**/*.test.ts',
  'src/store/postgres.test.ts',
  'src/synth/{coders,corrupt}.test.ts',
];

// The PostgreSQL server the `postgres` project creates its databases on (.ci/run and
// scripts/dev-postgres.sh start one and print this variable).
const pgUrl = process.env.VINDEX_TEST_PG;
if (!pgUrl && process.env.CI === 'true') {
  throw new Error('VINDEX_TEST_PG is not set: under CI the store tests must also run on PostgreSQL (.ci/run starts a server and sets it)');
}
// Said once per run (vitest may load this file more than once in a process).
const noted = globalThis as { vindexPgNoted?: boolean };
if (!pgUrl && !noted.vindexPgNoted) process.stderr.write('vitest: project postgres skipped: VINDEX_TEST_PG is not set (scripts/dev-postgres.sh start prints it)\n');
noted.vindexPgNoted = true;

const projects: TestProjectInlineConfiguration[] = [
  {
    extends: true,
    test: {
      name: 'sqlite',
      include: ['src/**/*.test.ts', 'bin/**/*.test.ts', 'e2e/**/*.test.ts'],
      exclude: [...configDefaults.exclude, 'src/store/postgres.test.ts'],
      env: { VINDEX_TEST_PG: '' },
    },
  },
];
if (pgUrl) {
  projects.push({
    extends: true,
    test: {
      name: 'postgres',
      include: STORE_TESTS,
      globalSetup: ['./src/ingest/testing/pg-teardown.ts'],
      // The default installation secret of a PostgreSQL store lives under $XDG_CONFIG_HOME/vindex: keep the tests' out of ~/.config.
      env: { VINDEX_TEST_PG: pgUrl, XDG_CONFIG_HOME: join(tmpdir(), 'vindex-test-pg-config') },
    },
  });
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default on 2 cores is one worker; much of the suite waits on PostgreSQL, child
    // processes and Chromium, so two keep both cores busy (whole suite 9 min → 6 min here).
    maxWorkers: 2,
    reporters: ['default', './scripts/closing-line-reporter.ts'],
    setupFiles: ['./scripts/vitest-setup.ts'],
    projects,
  },
});
