import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';

/**
 * `npm install` is clean on the Node the README names: every installed package accepts it
 * (no EBADENGINE warning), and no install script waits for an approval.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// semver is what npm itself checks engines with; it has no types of its own.
const semver = createRequire(import.meta.url)('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};

interface Manifest {
  name?: string;
  version?: string;
  engines?: { node?: string };
}

const read = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest;

/** Every package under node_modules, nested ones included. */
function installedPackages(directory: string, found: Array<{ path: string; manifest: Manifest }> = []) {
  if (!existsSync(directory)) return found;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const path = join(directory, entry.name);
    if (entry.name.startsWith('@')) {
      installedPackages(path, found);
      continue;
    }
    if (existsSync(join(path, 'package.json'))) found.push({ path, manifest: read(join(path, 'package.json')) });
    installedPackages(join(path, 'node_modules'), found);
  }
  return found;
}

describe('the install', () => {
  const project = read(join(ROOT, 'package.json'));
  const lowest = semver.minVersion(project.engines?.node ?? '')?.version ?? '';

  it('promises the Node the README names', () => {
    expect(lowest).toBe('20.19.0');
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('Needs Node.js ≥ 20.19.');
  });

  it('has no package that refuses that Node, nor the one running', () => {
    const packages = installedPackages(join(ROOT, 'node_modules'));
    expect(packages.length).toBeGreaterThan(100);
    const refusing = packages
      .filter(({ manifest }) => manifest.engines?.node !== undefined)
      .filter(
        ({ manifest }) =>
          !semver.satisfies(lowest, manifest.engines!.node!) ||
          !semver.satisfies(process.version, manifest.engines!.node!),
      )
      .map(({ manifest }) => `${manifest.name}@${manifest.version} wants node ${manifest.engines?.node}`);
    expect(refusing).toEqual([]);
  });

  // npm itself, reading every installed package: seconds on a busy machine.
  it('has every install script approved', { timeout: 60_000 }, () => {
    const output = execFileSync('npm', ['install-scripts', 'ls'], { cwd: ROOT, encoding: 'utf8' });
    expect(output).toContain('No packages with unreviewed install scripts.');
  });

  it('still injects requests (light-my-request, with cookie pinned to a Node 20 release)', async () => {
    const app = Fastify();
    app.get('/', async (request) => ({ cookie: request.headers.cookie }));
    const answer = await app.inject({ method: 'GET', url: '/', cookies: { session: 'a b' } });
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ cookie: 'session=a%20b' });
    await app.close();
  });
});
