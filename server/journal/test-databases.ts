import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from './db.ts';

/**
 * The two databases every journal suite runs against: the embedded one (PGlite, in memory) and a
 * real PostgreSQL when TEST_DATABASE_URL names one (.ci/run starts a throwaway cluster with
 * scripts/with-postgres.sh; locally `bash scripts/with-postgres.sh npx vitest run server`).
 * Never DATABASE_URL: that may be a team's real journal. On PostgreSQL each database gets a schema
 * of its own, dropped on close, so suites and runs never see each other's rows.
 */

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export interface TestDatabase {
  name: string;
  /** True when this database is not available here (PostgreSQL without TEST_DATABASE_URL). */
  skip: boolean;
  /** The options `openDatabase` (and a console's `database` option) takes for a fresh one. */
  options(): { url?: string; schema?: string };
  open(): Promise<Database>;
}

function freshSchema(): string {
  return `test_${process.pid}_${randomBytes(6).toString('hex')}`;
}

/** Opens a database that removes its schema (PostgreSQL) when closed. */
async function openDisposable(options: { url?: string; schema?: string }): Promise<Database> {
  const database = await openDatabase(options);
  if (!options.url || !options.schema) return database;
  const { url, schema } = options;
  return {
    ...database,
    close: async () => {
      await database.close();
      const cleaner = await openRaw(url);
      await cleaner.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).finally(() => cleaner.end());
    },
  };
}

async function openRaw(url: string) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

const postgresOptions = () => ({ url: TEST_DATABASE_URL ?? '', schema: freshSchema() });

export const TEST_DATABASES: readonly TestDatabase[] = [
  {
    name: 'embedded (PGlite)',
    skip: false,
    options: () => ({}),
    open: () => openDisposable({}),
  },
  {
    name: 'PostgreSQL',
    skip: TEST_DATABASE_URL === undefined,
    options: postgresOptions,
    open: () => openDisposable(postgresOptions()),
  },
];

/** Drops a schema a console created from `options()` (PostgreSQL only). */
export async function dropSchema(options: { url?: string; schema?: string }): Promise<void> {
  if (!options.url || !options.schema) return;
  const client = await openRaw(options.url);
  await client.query(`DROP SCHEMA IF EXISTS ${options.schema} CASCADE`).finally(() => client.end());
}

/**
 * The database of a describe block: opened before its tests (unless that database is skipped here)
 * and closed after them. The object stands in for it, so tests use it as a Database.
 */
export function testDatabaseFor(entry: TestDatabase): Database {
  let current: Database | undefined;
  beforeAll(async () => {
    if (!entry.skip) current = await entry.open();
  }, 120_000);
  afterAll(async () => {
    await current?.close();
  });
  const open = () => {
    if (!current) throw new Error(`${entry.name} is not open`);
    return current;
  };
  return {
    get kind() {
      return open().kind;
    },
    query: (sql, parameters) => open().query(sql, parameters),
    exec: (sql) => open().exec(sql),
    transaction: (work) => open().transaction(work),
    close: () => open().close(),
  };
}
