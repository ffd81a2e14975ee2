import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { dirname, basename, join } from 'node:path';
import { z } from 'zod/mini';
import { phoneNumberSchema, subscriptionSchema } from '../../contract/schemas.ts';

/**
 * The sandbox's state: one JSON file, replaced atomically (temp file, fsync, rename, fsync of
 * the directory), so a `kill -9` at any moment leaves either the old or the new state.
 * Changes apply to memory at once and writes are serialised; a caller's `save()` resolves only
 * when a write containing its change is on disk, and writes that queue up while one is in
 * flight are coalesced into one (the latest state holds every change before it).
 */

export const storedSubscriptionSchema = z.extend(subscriptionSchema, {
  /** Kept so the sandbox behaves like a server that has one; never sent after create. */
  signing_secret: z.string(),
});
export type StoredSubscription = z.infer<typeof storedSubscriptionSchema>;

export const sandboxStateSchema = z.object({
  version: z.literal(1),
  subscriptions: z.array(storedSubscriptionSchema),
  phone_numbers: z.array(phoneNumberSchema),
});
export type SandboxState = z.infer<typeof sandboxStateSchema>;

export class SandboxStore {
  private writing: Promise<void> | undefined;
  private pending: { promise: Promise<void> } | undefined;

  private constructor(
    readonly file: string,
    public state: SandboxState,
  ) {}

  /** Loads the file, or creates it from `seed()` when it does not exist yet. */
  static async open(file: string, seed: () => SandboxState): Promise<SandboxStore> {
    await removeStaleTempFiles(file);
    let text: string | undefined;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === undefined) {
      const store = new SandboxStore(file, seed());
      await store.save();
      return store;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`The sandbox data file ${file} is not valid JSON. Run \`npm run sandbox:reset\` to start again.`);
    }
    const result = sandboxStateSchema.safeParse(parsed);
    if (!result.success) {
      throw new Error(
        `The sandbox data file ${file} is not in the expected shape. Run \`npm run sandbox:reset\` to start again.`,
      );
    }
    return new SandboxStore(file, result.data);
  }

  /** Persists the current state; resolves once a write that includes every change so far is durable. */
  save(): Promise<void> {
    if (!this.writing) {
      this.writing = this.write().finally(() => {
        this.writing = undefined;
      });
      return this.writing;
    }
    // A write is in flight and holds an older state: queue one more, shared by every caller until it starts.
    if (!this.pending) {
      const after = this.writing.catch(() => undefined);
      const promise = after.then(() => {
        this.pending = undefined;
        return this.save();
      });
      this.pending = { promise };
    }
    return this.pending.promise;
  }

  /** Resolves when no write is in flight or queued (nothing new is written). */
  async flush(): Promise<void> {
    await (this.pending?.promise ?? this.writing)?.catch(() => undefined);
  }

  private async write(): Promise<void> {
    const text = `${JSON.stringify(this.state, null, 1)}\n`;
    await writeFileAtomic(this.file, text);
  }
}

/** Temp files are `.<data file>.<pid>.<ms>.tmp`, next to the data file: the writer's pid is in the name. */
const tempFilePrefix = (file: string) => `.${basename(file)}.`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A writer killed between creating its temp file and the rename (`kill -9`, power loss) leaves the
 * temp file behind. Those of writers that no longer run are removed; a running one may still be
 * writing its own.
 */
async function removeStaleTempFiles(file: string): Promise<void> {
  const directory = dirname(file);
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const prefix = tempFilePrefix(file);
  for (const name of names) {
    const pid = name.startsWith(prefix) ? /^(\d+)\.\d+\.tmp$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid !== undefined && !isRunning(Number(pid))) await unlink(join(directory, name)).catch(() => undefined);
  }
}

export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const directory = dirname(file);
  await mkdir(directory, { recursive: true });
  const temp = join(directory, `${tempFilePrefix(file)}${process.pid}.${Date.now()}.tmp`);
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    // A failed write (disk full, permissions) leaves no temp file behind.
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  // The rename itself is durable only once the directory entry is.
  let dir;
  try {
    dir = await open(directory, 'r');
  } catch (error) {
    // Windows cannot open a directory for syncing; there the rename is as durable as it gets.
    if (['EISDIR', 'EPERM', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) return;
    throw error;
  }
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
