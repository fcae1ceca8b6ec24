import Database from 'better-sqlite3';

/**
 * Another process in the middle of opening a new store file (`switchToWal.int.spec.ts`), run
 * from `dist/`: it holds the file's write lock, as that process does while it writes the WAL
 * header and the schema, says `held`, lets go after the given milliseconds and says when.
 */
const hold = (path: string, ms: number): void => {
  const db = new Database(path);
  db.exec('BEGIN IMMEDIATE');
  process.stdout.write('held\n');
  setTimeout(() => {
    db.exec('COMMIT');
    process.stdout.write(`released ${Date.now()}\n`);
    db.close();
  }, ms);
};

const [path, ms] = process.argv.slice(2);
if (path !== undefined && require.main === module) hold(path, Number(ms));
