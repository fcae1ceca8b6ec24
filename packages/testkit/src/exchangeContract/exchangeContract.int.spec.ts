import { getPaperExchange } from '@smart-orders/exchange-paper';
import { describeExchangeContract } from './describeExchangeContract';
import { inTickTime } from './paperHarness';
import { getScriptedExchange } from './scriptedExchange';

describeExchangeContract('the paper exchange', async () => inTickTime(getPaperExchange()));

// Late and twice are faults the contract allows: an answer still comes, a report twice is the same.
describeExchangeContract('the scripted exchange, answering late and twice', async () =>
  inTickTime(getScriptedExchange({ script: () => ({ lateMs: 5, twice: true }) })),
);
