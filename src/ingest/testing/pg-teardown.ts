import pg from 'pg';
import { testDatabasePrefix } from './temp-store.ts';

/**
 * Global setup of the vitest project `postgres`: nothing before the run; after it, drops the test
 * databases of this run still on the server (each test process's store template, and the stores of
 * a worker that crashed or timed out before its cleanup).
 */
export default function setup(): () => Promise<void> {
  return async () => {
    const client = new pg.Client({ connectionString: process.env.VINDEX_TEST_PG });
    await client.connect();
    try {
      const prefix = testDatabasePrefix(process.pid);
      const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix]);
      for (const r of rows) await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };
}
