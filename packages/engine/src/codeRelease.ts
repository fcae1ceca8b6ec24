import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The code a book snapshot was written by: a hash of the core's files (its states and their
 * fold) and the engine's (the packing, the book). A snapshot holds states as this code made
 * them; read by other code (an upgrade, a fix to a rule) it could hold a state that code would
 * fold differently, so a restart with other code folds the whole log instead. A version number
 * kept by hand would be forgotten once; the files are not.
 */
const hashOf = (dirs: readonly string[]): string => {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : 1,
    )) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else if (/\.(js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        hash.update(entry.name).update(readFileSync(path));
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return `sha256:${hash.digest('hex').slice(0, 32)}`;
};

let release: string | undefined;

/** This process's code release, hashed once. */
export const codeRelease = (): string =>
  (release ??= hashOf([dirname(require.resolve('@smart-orders/core')), __dirname]));
