import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '../../..');

describe('packaging: a backend depends on the built packages', () => {
  it('compiles the embedding example under tsc --strict against dist/ type declarations and runs it', () => {
    const tsc = spawnSync(
      process.execPath,
      [join(repo, 'node_modules/typescript/bin/tsc'), '-p', join(repo, 'examples/tsconfig.json')],
      {
        cwd: repo,
        encoding: 'utf8',
      },
    );
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'smart-orders-embed-'));
    try {
      const run = spawnSync(
        process.execPath,
        [join(repo, 'examples/out/embedding/embedding.js'), join(dir, 'orders.sqlite')],
        {
          cwd: repo,
          encoding: 'utf8',
        },
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('btc-1 EntryFilled');
      expect(run.stdout).toContain('btc-1 TpFilled');
      expect(run.stdout).toContain('btc-1 SmartOrderClosed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
