import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './panelFixture';

export const cliBin = join(repoRoot, 'packages/cli/bin/smart-orders.js');

export interface ServeProcess {
  readonly url: string;
  stderr(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** `smart-orders serve …` as a user runs it (the CLI as built by `npm test`), once it listens. */
export const startServeProcess = (
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ServeProcess> => {
  if (!existsSync(join(repoRoot, 'packages/cli/dist/main.js')))
    throw new Error('build first: npm run build');
  const child = spawn(process.execPath, [cliBin, 'serve', ...args], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /listening on (\S+)/.exec(stdout)?.[1];
      if (url === undefined) return;
      resolve({
        url,
        stderr: () => stderr,
        stop: async () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
    void exited.then((code) =>
      reject(new Error(`serve exited with ${code} before listening: ${stderr}`)),
    );
  });
};
