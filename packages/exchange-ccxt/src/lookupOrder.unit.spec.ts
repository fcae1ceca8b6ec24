import { testVenue } from './testing/testVenue';

const cid = 'sot1r0k3j9x2ab7qfe41mz';

describe('looking up an id this process never sent', () => {
  it('answers null only after a create signed before the start could no longer be executed', async () => {
    let clock = 5_000_000;
    const lookedAt: number[] = [];
    const { exchange } = testVenue(
      'binance',
      [
        {
          method: 'GET',
          path: '/api/v3/order',
          answers: [
            () => (
              lookedAt.push(clock),
              { status: 400, body: { code: -2013, msg: 'Order does not exist.' } }
            ),
          ],
        },
      ],
      {
        now: () => clock,
        sleep: async (ms) => void (clock += ms),
        timing: { createDeadlineMs: 5_000, settleMarginMs: 2_000 },
      },
    );
    expect(await exchange.lookup(cid, 'BTC/USDT')).toEqual({ _tag: 'Right', right: null });
    expect(lookedAt).toEqual([5_000_000, 5_007_000]);
  });
});
