import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './test-http.ts';

/** The console as a process of its own, for the tests that `kill -9` it (tests only). */

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A console process (`npm run serve`'s, on tsx) a test can `kill -9`. */
export interface SpawnedConsole {
  process: ChildProcess;
  url: string;
  exited: Promise<NodeJS.Signals | number | null>;
}

/**
 * `server/main.ts serve` on a free port with its embedded sandbox and embedded database under
 * `directory` (so a second one on the same directory finds what the first left), sign-in off.
 */
export async function spawnTestConsole(
  spawned: { children: ChildProcess[] },
  directory: string,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<SpawnedConsole> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(await freePort()),
    LINQ_SANDBOX_DATA: join(directory, 'sandbox.json'),
    LINQ_CONSOLE_DB_DIR: join(directory, 'console-db'),
    LINQ_CONSOLE_AUTH: 'none',
  };
  for (const name of ['LINQ_API_V3_API_KEY', 'DATABASE_URL', 'LINQ_SANDBOX_SEED_COUNT', 'HOST']) delete env[name];
  Object.assign(env, extraEnv);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  spawned.children.push(child);
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code));
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Linq Webhook Console \(serve\) at (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((status) => reject(new Error(`The console exited (${status}) before it was ready:\n${output}`)));
  });
  return { process: child, url, exited };
}
