import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isLeft, isRight } from 'fp-ts/Either';
import { formatInputError } from '../inputError';
import { readPlan } from './readPlan';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'replay-files-plan-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readPlan', () => {
  it('reads the full example plan of docs/replay-files.md', async () => {
    const r = await readPlan(join(__dirname, '..', 'fixtures', 'plan.json'));
    if (isLeft(r)) throw new Error(formatInputError(r.left));
    expect(r.right.orders.map((o) => [o.command.orderId, o.at])).toEqual([
      ['o-1', 1680652805000],
      ['o-2', null],
    ]);
    expect(r.right.commands.map((c) => c.command.type)).toEqual([
      'ModifyStopLoss',
      'ModifyTrailing',
      'ToggleBreakEven',
      'Cancel',
    ]);
    expect(r.right.account.id).toBe('drill-1');
    expect(r.right.account.risk?.maxPosition).toEqual({ 'BTC/USDT': 2 });
    expect(r.right.faults).toHaveLength(6);
  });

  it('names the line of a JSON syntax error', async () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{\n  "orders": [\n    { "orderId": "o-1", }\n  ]\n}\n');
    const r = await readPlan(path);
    expect(isLeft(r) && formatInputError(r.left)).toBe(
      `${path}:3: not valid JSON: Expected double-quoted property name`,
    );
  });

  it('says why a plan cannot be read', async () => {
    const path = join(dir, 'missing.json');
    const r = await readPlan(path);
    expect(isLeft(r) && formatInputError(r.left)).toBe(`${path}: cannot read: no such file`);
  });

  it('names the plan file in decoding errors', async () => {
    const path = join(dir, 'plan.json');
    writeFileSync(path, JSON.stringify({ orders: [{ orderId: 'o-1' }] }));
    const r = await readPlan(path);
    expect(isRight(r)).toBe(false);
    expect(isLeft(r) && formatInputError(r.left)).toMatch(
      new RegExp(`^${path}: orders\\[0\\]\\.exchange: is required; `),
    );
  });
});
