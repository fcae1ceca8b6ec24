import type { Exchange as CcxtInstance } from 'ccxt';
import { ccxt } from './ccxtModule';
import { trackDelayedCalls } from './delayedCalls';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('trackDelayedCalls', () => {
  const binance = (): CcxtInstance => new ccxt.pro.binance({}) as unknown as CcxtInstance;
  const delay = (exchange: CcxtInstance, ms: number, method: () => Promise<void>) =>
    (exchange as unknown as { delay: (ms: number, m: unknown) => void }).delay(ms, method);

  it("runs ccxt's delayed call when its time comes", async () => {
    const exchange = binance();
    trackDelayedCalls(exchange);
    const calls: unknown[] = [];
    delay(exchange, 10, async function (this: unknown) {
      calls.push(this);
    });
    await pause(60);
    expect(calls).toEqual([exchange]);
  });

  it('clears the delayed calls still waiting and refuses later ones, so none runs or keeps the process alive after close', async () => {
    const exchange = binance();
    const clear = trackDelayedCalls(exchange);
    let ran = false;
    delay(exchange, 10, async () => {
      ran = true;
    });
    clear();
    // A request in flight at close may schedule another afterwards.
    delay(exchange, 10, async () => {
      ran = true;
    });
    await pause(60);
    expect(ran).toBe(false);
  });
});
