import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '../../..');

/** The names a built package's entry exports, as a backend's `require` resolves it. */
const exportsOf = (specifier: string): string[] => {
  const run = spawnSync(
    process.execPath,
    ['-e', `console.log(JSON.stringify(Object.keys(require(${JSON.stringify(specifier)}))))`],
    { cwd: repo, encoding: 'utf8' },
  );
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as string[];
};

describe('the public API, as the built packages resolve it', () => {
  it('core publishes the decider, codecs and views, not the rules behind them nor test harnesses', () => {
    const core = exportsOf('@smart-orders/core');
    expect(core).toEqual(
      expect.arrayContaining([
        'decide',
        'evolve',
        'initialState',
        'decodeCommand',
        'OrderEventCodec',
        'orderView',
        'decideAccount',
      ]),
    );
    for (const internal of ['decideTrailing', 'armAtEntry', 'decideTakeProfits', 'effectiveStop'])
      expect(core).not.toContain(internal);
    for (const harness of ['deciderSpecification', 'paperFills']) {
      expect(core).not.toContain(harness);
      expect(exportsOf('@smart-orders/core/testing')).toContain(harness);
    }
  });

  it('the stores keep their test harnesses behind /testing', () => {
    expect(exportsOf('@smart-orders/store-postgres')).not.toContain('startThrowawayPostgres');
    expect(exportsOf('@smart-orders/store-postgres/testing')).toContain('startThrowawayPostgres');
    expect(exportsOf('@smart-orders/store-eventstoredb')).not.toContain(
      'getFakeEventStoreDbClient',
    );
    expect(exportsOf('@smart-orders/store-eventstoredb/testing')).toContain(
      'getFakeEventStoreDbClient',
    );
  });

  it('every package entry is an explicit list: no export *', () => {
    const packages = readdirSync(join(repo, 'packages'));
    for (const name of packages) {
      const index = join(repo, 'packages', name, 'src', 'index.ts');
      if (!existsSync(index)) continue;
      expect({ index, star: /export \*/.test(readFileSync(index, 'utf8')) }).toEqual({
        index,
        star: false,
      });
    }
  });
});
