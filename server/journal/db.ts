import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { lockEmbeddedDirectory } from './embedded-lock.ts';
import { migrate } from './migrations.ts';

/**
 * The console's database: the change journal, labels and sign-in sessions. One interface, the same
 * SQL, two drivers: PGlite (PostgreSQL compiled to WASM, no server, files under a directory) by
 * default, node-postgres for a real PostgreSQL (DATABASE_URL), which several consoles can share.
 * Queries are plain parameterised SQL: the handful the console needs reads better as SQL than
 * through a query builder, and both drivers take it unchanged.
 */

export type Query = <Row = Record<string, unknown>>(sql: string, parameters?: readonly unknown[]) => Promise<Row[]>;

export interface Connection {
  query: Query;
  /** Several statements without parameters (a migration step). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Connection {
  kind: 'embedded' | 'postgres';
  /** Runs `work` on one connection inside BEGIN … COMMIT (ROLLBACK when it throws). */
  transaction<T>(work: (connection: Connection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** DATABASE_URL: a PostgreSQL server. Without it, the embedded database in `directory`. */
  url?: string | undefined;
  /** LINQ_CONSOLE_DB_DIR; absent with no url: in memory (tests). */
  directory?: string | undefined;
  /** A schema of its own (tests: one per file on a shared server); created when missing. */
  schema?: string | undefined;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

async function openEmbedded(directory: string | undefined): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  let unlock = async () => undefined as void;
  if (directory !== undefined) {
    await mkdir(resolve(directory), { recursive: true });
    unlock = await lockEmbeddedDirectory(resolve(directory));
  }
  let db;
  try {
    // relaxedDurability stays off: every statement's changes are written to the files before the
    // query answers (README, "Running it for a team", on what that does and does not survive).
    db = await PGlite.create({ ...(directory === undefined ? {} : { dataDir: resolve(directory) }) });
  } catch (error) {
    await unlock();
    throw error;
  }
  const pglite = db;
  type Driver = Pick<typeof pglite, 'query' | 'exec'>;
  const connection = (driver: Driver): Connection => ({
    query: async <Row>(sql: string, parameters: readonly unknown[] = []) =>
      (await driver.query<Row>(sql, [...parameters])).rows,
    exec: async (sql) => {
      await driver.exec(sql);
    },
  });
  return {
    kind: 'embedded',
    ...connection(pglite),
    transaction: (work) => pglite.transaction(async (tx) => work(connection(tx))),
    close: async () => {
      if (!pglite.closed) await pglite.close();
      await unlock();
    },
  };
}

async function openPostgres(url: string, schema: string | undefined): Promise<Database> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // A journal write waits at most this long for a connection before it is refused (503).
    connectionTimeoutMillis: 5_000,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // An idle connection the server drops must not take the console down.
  pool.on('error', () => undefined);
  type Driver = Pick<typeof pool, 'query'>;
  const connection = (driver: Driver): Connection => ({
    query: async <Row>(sql: string, parameters: readonly unknown[] = []) =>
      (await driver.query(sql, [...parameters])).rows as Row[],
    // Without parameters node-postgres sends the simple protocol, which takes several statements.
    exec: async (sql) => {
      await driver.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...connection(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(connection(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Opens the database and brings its schema up to date (migrations.ts). */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new Error('The database schema name is not valid.');
  const database = options.url ? await openPostgres(options.url, schema) : await openEmbedded(options.directory);
  try {
    // PGlite has one connection: set once. node-postgres sets it per connection (options above).
    if (schema !== undefined && database.kind === 'embedded') await database.query(`SET search_path TO ${schema}`);
    await migrate(database, schema);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  return database;
}
