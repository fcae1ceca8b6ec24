import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/*
 * The consumer test: what a TypeScript backend does with our packages, outside the workspace.
 * Every public package is published to a throwaway registry on loopback (verdaccio, see
 * consumer/registry.cjs); a fresh project in the system's temporary directory installs four of
 * them by name, as from npm, compiles a strict program against them with skipLibCheck off (as an
 * ES module and as CommonJS), runs it, and runs a jest test of its own with the testkit.
 *
 * better-sqlite3 is a native module that builds from source when no prebuilt binary can be
 * downloaded, which takes minutes here: the registry serves the workspace's own build of the
 * same version, repacked with its binary and without its install script. Everything else the
 * packages depend on comes from the registry npm is configured with, through verdaccio.
 * The compiler and jest are the workspace's: what is under test is the packages, not them.
 */

const repo = resolve(__dirname, '../../..');
const version = (
  JSON.parse(readFileSync(join(repo, 'packages/engine/package.json'), 'utf8')) as {
    version: string;
  }
).version;
const PUBLIC = [
  'core',
  'engine',
  'testkit',
  'replay-files',
  'store-sqlite',
  'store-postgres',
  'store-eventstoredb',
  'exchange-paper',
  'exchange-ccxt',
  'venue',
  'serve',
  'cli',
];
const INSTALLED = ['engine', 'store-sqlite', 'exchange-paper', 'testkit'];

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

// npm run by `npm test` passes its own configuration down in npm_config_* variables, which would
// override the consumer's: the children get a clean environment, as a user's shell is.
const cleanEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)),
  ) as NodeJS.ProcessEnv;

// Asynchronous on purpose: the registry answers from another process while npm runs.
const run = (command: string, args: readonly string[], cwd: string): Promise<Ran> =>
  new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });

const ok = async (command: string, args: readonly string[], cwd: string): Promise<string> => {
  const ran = await run(command, args, cwd);
  if (ran.code !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited ${ran.code}\n${ran.stdout}\n${ran.stderr}`,
    );
  }
  return ran.stdout;
};

const startRegistry = (storage: string) =>
  new Promise<{ url: string; stop: () => void }>((done, fail) => {
    const upstream = process.env['npm_config_registry'] ?? 'https://registry.npmjs.org/';
    const child = spawn(
      process.execPath,
      [join(repo, 'consumer/registry.cjs'), storage, upstream],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`the registry exited ${code} before listening`)));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /^registry (\S+)$/m.exec(out)?.[1];
      if (url !== undefined) done({ url, stop: () => child.kill('SIGTERM') });
    });
  });

const addUser = async (url: string): Promise<string> => {
  const response = await fetch(`${url}-/user/org.couchdb.user:consumer`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'consumer', password: 'consumer-test' }),
  });
  const body = (await response.json()) as { token?: string };
  if (body.token === undefined) throw new Error(`no token from the registry: ${response.status}`);
  return body.token;
};

// The workspace's better-sqlite3, built for this machine, as a package of the same version.
const repackBetterSqlite = (into: string): string => {
  const source = join(repo, 'node_modules/better-sqlite3');
  const target = join(into, 'better-sqlite3');
  mkdirSync(join(target, 'build/Release'), { recursive: true });
  for (const entry of ['lib', 'LICENSE', 'README.md']) {
    if (existsSync(join(source, entry)))
      cpSync(join(source, entry), join(target, entry), { recursive: true });
  }
  cpSync(
    join(source, 'build/Release/better_sqlite3.node'),
    join(target, 'build/Release/better_sqlite3.node'),
  );
  const manifest = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
    files?: string[];
    dependencies?: Record<string, string>;
  };
  // Its install script fetches or builds the binary (prebuild-install, node-gyp): the binary is here.
  delete manifest.scripts;
  delete manifest.dependencies?.['prebuild-install'];
  manifest.files = ['lib', 'build/Release/better_sqlite3.node'];
  writeFileSync(join(target, 'package.json'), JSON.stringify(manifest, null, 2));
  return target;
};

describe('consumer: a backend installs the packages by name from a registry', () => {
  jest.setTimeout(240_000);

  it('publishes, installs, compiles strict (ESM and CommonJS), runs, and runs a jest test with the testkit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smart-orders-consumer-'));
    const registry = await startRegistry(join(dir, 'storage'));
    try {
      const token = await addUser(registry.url);
      const npmrc = join(dir, 'npmrc');
      const host = registry.url.replace(/^http:/, '');
      writeFileSync(npmrc, `registry=${registry.url}\n${host}:_authToken=${token}\n`);
      const npm = (args: readonly string[], cwd: string) =>
        ok(
          'npm',
          [...args, '--userconfig', npmrc, '--registry', registry.url, '--no-audit', '--no-fund'],
          cwd,
        );

      // Private packages refuse to be packed.
      const bench = await run('npm', ['pack', '--dry-run', '-w', '@smart-orders/bench'], repo);
      expect(bench.code).not.toBe(0);
      expect(bench.stderr).toContain('@smart-orders/bench is private');

      await npm(['publish', ...PUBLIC.flatMap((p) => ['-w', `@smart-orders/${p}`])], repo);
      await npm(['publish', repackBetterSqlite(dir)], dir);

      const app = join(dir, 'app');
      cpSync(join(repo, 'consumer/app'), app, { recursive: true });
      writeFileSync(
        join(app, 'package.json'),
        JSON.stringify({ name: 'a-trading-backend', version: '1.0.0', private: true }),
      );
      await npm(
        ['install', ...INSTALLED.map((p) => `@smart-orders/${p}@${version}`), '@types/node@20'],
        app,
      );

      // Every package of ours came from the registry, by name, at this version.
      const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as {
        packages: Record<string, { version?: string; resolved?: string }>;
      };
      const ours = Object.entries(lock.packages).filter(([path]) =>
        path.startsWith('node_modules/@smart-orders/'),
      );
      expect(ours.map(([path]) => path.slice('node_modules/'.length)).sort()).toEqual(
        ['core', 'engine', 'exchange-paper', 'replay-files', 'store-sqlite', 'testkit'].map(
          (p) => `@smart-orders/${p}`,
        ),
      );
      for (const [, entry] of ours) {
        expect(entry.version).toBe(version);
        expect(entry.resolved?.startsWith(registry.url)).toBe(true);
      }

      // Each tarball carries its licence and README, no test files, and the sources its maps name.
      for (const p of [
        'core',
        'engine',
        'store-sqlite',
        'exchange-paper',
        'testkit',
        'replay-files',
      ]) {
        const installed = join(app, 'node_modules/@smart-orders', p);
        expect(readFileSync(join(installed, 'LICENSE'), 'utf8')).toContain('MIT License');
        expect(existsSync(join(installed, 'README.md'))).toBe(true);
        const map = JSON.parse(readFileSync(join(installed, 'dist/index.js.map'), 'utf8')) as {
          sources: string[];
        };
        for (const source of map.sources) {
          expect(existsSync(resolve(installed, 'dist', source))).toBe(true);
        }
        const listed = await ok('find', [installed, '-name', '*.spec.*'], app);
        expect(listed).toBe('');
      }

      const tsc = await run(
        process.execPath,
        [join(repo, 'node_modules/typescript/bin/tsc'), '-p', app],
        app,
      );
      expect(tsc.stdout + tsc.stderr).toBe('');
      expect(tsc.code).toBe(0);

      const esm = await ok(
        process.execPath,
        [join(app, 'out/program.mjs'), join(dir, 'esm.sqlite')],
        app,
      );
      expect(esm).toContain('event btc-1 EntryFilled');
      expect(esm).toContain('event btc-1 TpFilled');
      expect(esm).toContain('refused VALIDATION_FAILED');
      expect(esm).toContain('before restart 1/2');
      expect(esm).toContain('after restart 1/2');
      expect(esm).toContain('open orders 0');
      expect(esm).toContain('closed true');

      const cjs = await ok(
        process.execPath,
        [join(app, 'out/program.cjs'), join(dir, 'cjs.sqlite')],
        app,
      );
      expect(cjs).toContain('cjs ACTIVE entry 2700');

      const jestConfig = JSON.stringify({
        testEnvironment: 'node',
        transform: {},
        testMatch: ['**/*.test.cjs'],
      });
      const tests = await run(
        process.execPath,
        [
          join(repo, 'node_modules/jest/bin/jest.js'),
          '--rootDir',
          app,
          '--config',
          jestConfig,
          '--ci',
          '--watchman=false',
        ],
        app,
      );
      expect(tests.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
      expect(tests.code).toBe(0);
    } finally {
      registry.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
