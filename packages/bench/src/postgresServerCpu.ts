import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** Reads the CPU seconds a PostgreSQL server's processes have used so far. */
export type ServerCpuMeter = () => number;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '']);

const clockTicksPerSecond = (): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
};

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

// /proc/<pid>/stat: the command may hold spaces, so fields are counted after its closing ')'.
const statFields = (pid: string): string[] | null => {
  const stat = read(`/proc/${pid}/stat`);
  return stat === null ? null : stat.slice(stat.lastIndexOf(')') + 2).split(' ');
};

// schedstat counts nanoseconds; stat's clock ticks (10 ms) are too coarse for a 50 ms read.
const runSeconds = (pid: string): number =>
  Number(read(`/proc/${pid}/schedstat`)?.split(' ')[0] ?? 0) / 1e9;

/**
 * On a shared machine the wall clock also counts other processes' turns; CPU time does not.
 * The server's share is the postmaster's (with its reaped children's) plus every live child's:
 * backends, WAL writer, checkpointer, autovacuum. Null when the server is not on this machine
 * or its processes cannot be read (another OS, another user, no `data_directory` access).
 */
export const postgresServerCpu = async (url: string): Promise<ServerCpuMeter | null> => {
  if (process.platform !== 'linux' || !LOCAL_HOSTS.has(new URL(url).hostname)) return null;
  const client = new Client({ connectionString: url });
  await client.connect();
  let directory: string;
  try {
    const { rows } = await client.query<{ dir: string }>(
      "SELECT current_setting('data_directory') AS dir",
    );
    directory = rows[0]?.dir ?? '';
  } catch {
    return null;
  } finally {
    await client.end();
  }
  let postmaster: string;
  try {
    postmaster = readFileSync(join(directory, 'postmaster.pid'), 'utf8').split('\n')[0] ?? '';
  } catch {
    return null;
  }
  if (statFields(postmaster) === null || read(`/proc/${postmaster}/schedstat`) === null)
    return null;
  const hz = clockTicksPerSecond();
  // After ')': state is the 1st field, ppid the 2nd, cutime and cstime the 14th and 15th.
  return () => {
    let seconds = 0;
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      const f = statFields(pid);
      if (f === null) continue;
      if (pid === postmaster) seconds += runSeconds(pid) + (Number(f[13]) + Number(f[14])) / hz;
      else if (f[1] === postmaster) seconds += runSeconds(pid);
    }
    return seconds;
  };
};
