import pg from 'pg';

/**
 * Vitest global setup of the server project: says once that the PostgreSQL variants are off when
 * KCC_TEST_DATABASE_URL is unset, and fails fast when it is set but the server cannot be reached.
 */
export default async function setup(): Promise<void> {
  const url = process.env.KCC_TEST_DATABASE_URL?.trim();
  if (!url) {
    console.log(
      'PostgreSQL store tests are off: set KCC_TEST_DATABASE_URL (eval "$(scripts/pg-throwaway.sh start)" starts a throwaway server).',
    );
    return;
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (err) {
    throw new Error(`KCC_TEST_DATABASE_URL is set but PostgreSQL cannot be reached: ${String(err)}`, {
      cause: err,
    });
  } finally {
    await client.end().catch(() => undefined);
  }
}
