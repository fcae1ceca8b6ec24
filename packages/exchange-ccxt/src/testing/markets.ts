import type { MarketInterface } from 'ccxt';
import type { CcxtExchangeId } from '../exchangeIds';

/**
 * Markets as ccxt's own `fetchMarkets` builds them for each venue (ids, precision as tick
 * sizes, limits, contract sizes and the `info` fields ccxt reads when it creates an order),
 * taken from the venues' instrument lists for BTC/USDT spot and the USDT-margined perpetual.
 */
interface MarketShape {
  readonly id: string;
  readonly baseId?: string;
  readonly quoteId?: string;
  readonly settleId?: string;
  readonly amountStep: number;
  readonly priceTick: number;
  readonly minAmount: number;
  readonly minCost?: number;
  readonly contractSize?: number;
  readonly info?: Record<string, unknown>;
}

const spot = (m: MarketShape): MarketInterface =>
  ({
    id: m.id,
    symbol: 'BTC/USDT',
    base: 'BTC',
    quote: 'USDT',
    settle: undefined,
    baseId: m.baseId ?? 'BTC',
    quoteId: m.quoteId ?? 'USDT',
    settleId: undefined,
    type: 'spot',
    spot: true,
    margin: false,
    swap: false,
    future: false,
    option: false,
    index: undefined,
    active: true,
    contract: false,
    linear: undefined,
    inverse: undefined,
    contractSize: undefined,
    expiry: undefined,
    expiryDatetime: undefined,
    strike: undefined,
    optionType: undefined,
    taker: 0.001,
    maker: 0.001,
    percentage: true,
    tierBased: false,
    feeSide: 'get',
    precision: { amount: m.amountStep, price: m.priceTick },
    limits: {
      amount: { min: m.minAmount, max: 9000 },
      price: { min: m.priceTick, max: 1_000_000 },
      cost: { min: m.minCost, max: undefined },
      leverage: { min: undefined, max: undefined },
    },
    marginModes: { cross: undefined, isolated: undefined },
    created: undefined,
    info: m.info ?? {},
  }) as unknown as MarketInterface;

const perpetual = (m: MarketShape): MarketInterface =>
  ({
    ...spot(m),
    symbol: 'BTC/USDT:USDT',
    settle: 'USDT',
    settleId: m.settleId ?? 'USDT',
    type: 'swap',
    spot: false,
    swap: true,
    contract: true,
    linear: true,
    inverse: false,
    contractSize: m.contractSize ?? 1,
    taker: 0.0005,
    maker: 0.0002,
  }) as unknown as MarketInterface;

export const MARKETS: Record<CcxtExchangeId, readonly MarketInterface[]> = {
  binance: [
    spot({
      id: 'BTCUSDT',
      amountStep: 0.00001,
      priceTick: 0.01,
      minAmount: 0.00001,
      minCost: 5,
      info: {
        symbol: 'BTCUSDT',
        status: 'TRADING',
        orderTypes: [
          'LIMIT',
          'LIMIT_MAKER',
          'MARKET',
          'STOP_LOSS',
          'STOP_LOSS_LIMIT',
          'TAKE_PROFIT',
          'TAKE_PROFIT_LIMIT',
        ],
      },
    }),
    perpetual({
      id: 'BTCUSDT',
      amountStep: 0.001,
      priceTick: 0.1,
      minAmount: 0.001,
      minCost: 100,
      info: {
        symbol: 'BTCUSDT',
        contractType: 'PERPETUAL',
        orderTypes: [
          'LIMIT',
          'MARKET',
          'STOP',
          'STOP_MARKET',
          'TAKE_PROFIT',
          'TAKE_PROFIT_MARKET',
          'TRAILING_STOP_MARKET',
        ],
      },
    }),
  ],
  bybit: [
    spot({
      id: 'BTCUSDT',
      amountStep: 0.000001,
      priceTick: 0.01,
      minAmount: 0.000048,
      minCost: 5,
      info: { symbol: 'BTCUSDT', status: 'Trading' },
    }),
    perpetual({
      id: 'BTCUSDT',
      amountStep: 0.001,
      priceTick: 0.1,
      minAmount: 0.001,
      minCost: 5,
      info: { symbol: 'BTCUSDT', contractType: 'LinearPerpetual' },
    }),
  ],
  okx: [
    spot({
      id: 'BTC-USDT',
      amountStep: 0.00000001,
      priceTick: 0.1,
      minAmount: 0.00001,
      info: {
        instId: 'BTC-USDT',
        instType: 'SPOT',
        lotSz: '0.00000001',
        minSz: '0.00001',
        tickSz: '0.1',
      },
    }),
    perpetual({
      id: 'BTC-USDT-SWAP',
      amountStep: 0.01,
      priceTick: 0.1,
      minAmount: 0.01,
      contractSize: 0.01,
      info: {
        instId: 'BTC-USDT-SWAP',
        instType: 'SWAP',
        ctVal: '0.01',
        ctType: 'linear',
        lotSz: '0.01',
        minSz: '0.01',
        tickSz: '0.1',
      },
    }),
  ],
  gate: [
    spot({
      id: 'BTC_USDT',
      amountStep: 0.000001,
      priceTick: 0.1,
      minAmount: 0.000001,
      minCost: 3,
      info: { id: 'BTC_USDT', trade_status: 'tradable', min_quote_amount: '3' },
    }),
    perpetual({
      id: 'BTC_USDT',
      settleId: 'usdt',
      amountStep: 1,
      priceTick: 0.1,
      minAmount: 1,
      contractSize: 0.0001,
      info: { name: 'BTC_USDT', quanto_multiplier: '0.0001', order_size_min: 1 },
    }),
  ],
  bitget: [
    spot({
      id: 'BTCUSDT',
      amountStep: 0.000001,
      priceTick: 0.01,
      minAmount: 0.000001,
      minCost: 1,
      info: { symbol: 'BTCUSDT', minTradeUSDT: '1' },
    }),
    perpetual({
      id: 'BTCUSDT',
      amountStep: 0.0001,
      priceTick: 0.1,
      minAmount: 0.0001,
      minCost: 5,
      info: { symbol: 'BTCUSDT', productType: 'USDT-FUTURES' },
    }),
  ],
  kucoin: [
    spot({
      id: 'BTC-USDT',
      amountStep: 0.00000001,
      priceTick: 0.1,
      minAmount: 0.00001,
      minCost: 0.1,
      info: {
        symbol: 'BTC-USDT',
        baseIncrement: '0.00000001',
        priceIncrement: '0.1',
        minFunds: '0.1',
      },
    }),
  ],
  kraken: [
    spot({
      id: 'XBTUSDT',
      baseId: 'XXBT',
      quoteId: 'USDT',
      amountStep: 0.00000001,
      priceTick: 0.1,
      minAmount: 0.00005,
      minCost: 0.5,
      info: { altname: 'XBTUSDT', wsname: 'XBT/USDT', ordermin: '0.00005', costmin: '0.5' },
    }),
  ],
  coinbase: [
    spot({
      id: 'BTC-USDT',
      amountStep: 0.00000001,
      priceTick: 0.01,
      minAmount: 0.00000001,
      minCost: 1,
      info: { product_id: 'BTC-USDT', base_increment: '0.00000001', quote_increment: '0.01' },
    }),
  ],
};
