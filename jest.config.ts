import type { Config } from 'jest';
import { readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';

const packagesDir = join(__dirname, 'packages');
const packages = readdirSync(packagesDir).filter((name) =>
  existsSync(join(packagesDir, name, 'package.json')),
);

// Tests run from the TypeScript sources (type-checked by `tsc -b` before jest starts),
// so workspace imports resolve to src/, never to a stale dist/.
const project = (name: string): Config => ({
  displayName: name,
  rootDir: join(packagesDir, name),
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: join(packagesDir, name, 'tsconfig.json') }],
    // ccxt's CommonJS build requires @noble and @scure, which ship ES modules only.
    '^.+/node_modules/(@noble|@scure)/.+\\.js$': [
      'ts-jest',
      { tsconfig: { allowJs: true, module: 'commonjs', target: 'ES2022', isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@noble|@scure)/)'],
  moduleNameMapper: {
    '^@smart-orders/([a-z-]+)$': join(packagesDir, '$1', 'src'),
    // The `/testing` subpath exports (test harnesses kept out of the main entries).
    '^@smart-orders/([a-z-]+)/testing$': join(packagesDir, '$1', 'src', 'testing'),
  },
});

// Suites that need what a user's clone does not have skip; say so where everyone sees it, not
// only inside the skipped suites (jest does not print their console).
const sharedTicks = join(__dirname, '..', 'shared', 'data', 'ticks');
if (!existsSync(sharedTicks)) {
  process.stderr.write(
    `note: ${sharedTicks} is absent: the tests on the shared recordings are skipped (the essential ones use examples/data)\n`,
  );
}
if (process.env['EVENTSTORE_URL'] === undefined) {
  process.stderr.write(
    'note: EVENTSTORE_URL is not set: the EventStoreDB store contract against a real server is skipped (docs/stores.md says how to run it)\n',
  );
}

const config: Config = {
  projects: packages.map(project),
  // End-to-end suites start servers and child processes and stop them in afterAll/finally; if a
  // test times out mid-way, CI must still end with the failure reported rather than hang.
  forceExit: true,
  // Most of the run's time goes to end-to-end suites that wait on a venue playing its recording
  // at the recording's pace, using little CPU. Jest's default on a 2-core machine is one worker
  // (cores − 1), which runs those waits one after another; two workers overlap them.
  maxWorkers: Math.max(2, availableParallelism() - 1),
};

export default config;
