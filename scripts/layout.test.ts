import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The feature code stays findable (README, "Architecture"): a feature is sliced into folders of
 * at most 15 files (components, hooks and their tests together), and has one public entry,
 * `index.ts`, the only module src/app imports (eslint enforces the import; this the entry's being there).
 */

const FEATURES = 'src/features';
const MAX_FILES = 15;

function folders(dir: string): string[] {
  const entries = readdirSync(dir, { withFileTypes: true });
  return [
    dir,
    ...entries.filter((entry) => entry.isDirectory()).flatMap((entry) => folders(path.join(dir, entry.name))),
  ];
}

const fileCount = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile()).length;

describe("the features' layout", () => {
  const features = readdirSync(FEATURES, { withFileTypes: true }).filter((entry) => entry.isDirectory());

  it.each(features.map((feature) => feature.name))('%s has a public entry, index.ts', (feature) => {
    expect(existsSync(path.join(FEATURES, feature, 'index.ts'))).toBe(true);
  });

  it(`holds no folder of more than ${MAX_FILES} files`, () => {
    const crowded = folders(FEATURES)
      .map((dir) => ({ dir, files: fileCount(dir) }))
      .filter((entry) => entry.files > MAX_FILES);
    expect(crowded).toEqual([]);
  });

  it('counts what it checks (a folder over the limit would be found)', () => {
    const counted = folders(FEATURES).map(fileCount);
    expect(counted.length).toBeGreaterThan(5);
    expect(Math.max(...counted)).toBeGreaterThan(5);
  });
});
