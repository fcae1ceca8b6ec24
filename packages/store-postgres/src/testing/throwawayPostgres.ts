import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** `.ci/postgres.sh` of this repository: the one definition of a test cluster, for CI and for tests. */
export const POSTGRES_SCRIPT = join(__dirname, '..', '..', '..', '..', '.ci', 'postgres.sh');

/** Exit status of the script when PostgreSQL is not installed and cannot be. */
const NOT_INSTALLABLE = 3;

export interface ThrowawayPostgres {
  readonly url: string;
  /** Stops the cluster and removes its directory. */
  readonly stop: () => Promise<void>;
}

/**
 * Why no throwaway cluster can be started here, or null when one can (PostgreSQL installed,
 * or installable with apt-get as root). Synchronous, so that a test file can decide whether to
 * run or skip before any test starts.
 */
export const whyNoThrowawayPostgres = (): string | null => {
  if (!existsSync(POSTGRES_SCRIPT))
    return `${POSTGRES_SCRIPT} is missing (it ships with the repository, not the package)`;
  if (postgresInstalled()) return null;
  const canInstall =
    process.getuid?.() === 0 && ['/usr/bin/apt-get', '/bin/apt-get'].some(existsSync);
  return canInstall
    ? null
    : 'PostgreSQL (initdb) is not installed, and apt-get cannot install it here (needs root on Debian)';
};

const postgresInstalled = (): boolean => {
  const versions = existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : [];
  if (versions.some((v) => existsSync(join('/usr/lib/postgresql', v, 'bin', 'initdb'))))
    return true;
  return (process.env['PATH'] ?? '')
    .split(':')
    .some((dir) => dir !== '' && existsSync(join(dir, 'initdb')));
};

/** Starts a cluster of its own (see `.ci/postgres.sh start`): about a second, longer when it must install. */
export const startThrowawayPostgres = async (): Promise<ThrowawayPostgres> => {
  const env = { ...process.env };
  delete env['PGTMP'];
  delete env['GITHUB_ENV'];
  const started = await run('bash', [POSTGRES_SCRIPT, 'start'], { env, timeout: 600_000 }).catch(
    (error: unknown) => {
      const { code, stderr } = error as { code?: unknown; stderr?: string };
      const why =
        code === NOT_INSTALLABLE
          ? 'PostgreSQL is not installed and cannot be'
          : `exit status ${String(code)}`;
      throw new Error(`${POSTGRES_SCRIPT} start failed (${why}):\n${stderr ?? ''}`);
    },
  );
  const exported = new Map(
    started.stdout
      .split('\n')
      .map((line) => /^export ([A-Z_]+)=(.*)$/.exec(line))
      .flatMap((match) => (match ? [[match[1] as string, match[2] as string] as const] : [])),
  );
  const url = exported.get('SMART_ORDERS_PG_URL');
  const directory = exported.get('PGTMP');
  if (url === undefined || directory === undefined) {
    throw new Error(
      `${POSTGRES_SCRIPT} start printed no SMART_ORDERS_PG_URL and PGTMP:\n${started.stdout}`,
    );
  }
  return {
    url,
    stop: async () => {
      await run('bash', [POSTGRES_SCRIPT, 'stop', directory], { timeout: 60_000 });
    },
  };
};
