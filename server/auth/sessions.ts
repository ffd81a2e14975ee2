import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '../journal/db.ts';

/**
 * Sign-in sessions (LINQ_CONSOLE_AUTH=oidc) as rows in the console's database, not sealed in the
 * cookie: they survive a restart, every console sharing one PostgreSQL knows them, and signing out
 * ends a session for good (a sealed cookie would stay valid until it expires, wherever a copy of
 * it is). The cookie holds a random id; the table holds only its sha256, so reading the database
 * gives no one a working cookie. The lifetime is absolute (LINQ_CONSOLE_SESSION_TTL_HOURS), never
 * extended by use.
 */

export interface SessionUser {
  email: string;
  name: string | null;
}

export interface SessionStore {
  /** A new session; its id goes in the cookie. */
  create(user: SessionUser): Promise<{ id: string; expiresAt: Date }>;
  /** The user of a live session, or undefined (unknown, signed out or expired). */
  find(id: string): Promise<SessionUser | undefined>;
  remove(id: string): Promise<void>;
}

const hash = (id: string) => createHash('sha256').update(id).digest('hex');

export function createSessionStore(database: Database, ttlMs: number, now: () => number = Date.now): SessionStore {
  return {
    async create(user) {
      const id = randomBytes(32).toString('base64url');
      const created = now();
      const expiresAt = new Date(created + ttlMs);
      // Expired rows go when someone signs in: the table stays as small as the team.
      await database.query('DELETE FROM console_sessions WHERE expires_at <= $1::text::timestamptz', [
        new Date(created).toISOString(),
      ]);
      await database.query(
        `INSERT INTO console_sessions (id_hash, email, name, created_at, expires_at)
         VALUES ($1, $2, $3, $4::text::timestamptz, $5::text::timestamptz)`,
        [hash(id), user.email, user.name, new Date(created).toISOString(), expiresAt.toISOString()],
      );
      return { id, expiresAt };
    },
    async find(id) {
      const [row] = await database.query<SessionUser>(
        'SELECT email, name FROM console_sessions WHERE id_hash = $1 AND expires_at > $2::text::timestamptz',
        [hash(id), new Date(now()).toISOString()],
      );
      return row;
    },
    async remove(id) {
      await database.query('DELETE FROM console_sessions WHERE id_hash = $1', [hash(id)]);
    },
  };
}
