import { readFile, unlink, writeFile } from 'node:fs/promises';

/**
 * One console per embedded database directory. PGlite opens a directory another process already
 * has open without complaint, and two PostgreSQL engines writing the same files corrupt them; so
 * the console keeps `<directory>.lock` with its pid while it runs. A lock whose process is gone
 * (a console killed with kill -9) is taken over.
 */

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, it is just not ours to signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holder(lockFile: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(lockFile, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock or throws saying who holds it; resolves to the function that gives it back. */
export async function lockEmbeddedDirectory(directory: string): Promise<() => Promise<void>> {
  const lockFile = `${directory}.lock`;
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(lockFile, `${process.pid}\n`, { flag: 'wx' });
      return async () => {
        if ((await holder(lockFile)) === process.pid) await unlink(lockFile).catch(() => undefined);
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = await holder(lockFile);
      if (pid !== undefined && isAlive(pid)) {
        throw new Error(
          `Another console (pid ${pid}) is using the embedded database at ${directory}. Stop it first, give this console a directory of its own (LINQ_CONSOLE_DB_DIR=.data/console-db-2), or set DATABASE_URL to a PostgreSQL server to share one journal between consoles.`,
        );
      }
      // Left behind by a console that died: its process is gone, so the directory is free.
      await unlink(lockFile).catch(() => undefined);
    }
  }
  throw new Error(`The embedded database lock ${lockFile} could not be taken.`);
}
