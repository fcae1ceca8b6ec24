import type { OrderSide } from '../venueOrder';

/** One-way mode trades the BOTH position; hedge mode keeps a LONG and a SHORT one per symbol. */
export type PositionSide = 'BOTH' | 'LONG' | 'SHORT';
export const POSITION_SIDES: readonly PositionSide[] = ['BOTH', 'LONG', 'SHORT'];

export type FuturesOrderType = 'MARKET' | 'LIMIT';
export type FuturesTimeInForce = 'GTC' | 'IOC' | 'FOK' | 'GTX';
export type FuturesOrderStatus = 'NEW' | 'PARTIALLY_FILLED' | 'FILLED' | 'CANCELED' | 'EXPIRED';

/** An order in the USDⓈ-M matching engine; like spot orders, it may fill in parts. */
export interface FuturesOrder {
  readonly orderId: number;
  readonly clientOrderId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly positionSide: PositionSide;
  readonly type: FuturesOrderType | 'LIQUIDATION';
  /** The algo order's type when a triggered conditional order placed this one. */
  readonly origType: string;
  readonly timeInForce: FuturesTimeInForce;
  readonly quantity: number;
  /** Limit price; 0 for a market order. */
  readonly price: number;
  readonly stopPrice: number;
  readonly reduceOnly: boolean;
  readonly closePosition: boolean;
  readonly status: FuturesOrderStatus;
  readonly executedQty: number;
  readonly avgPrice: number;
  readonly cumQuote: number;
  readonly time: number;
  readonly updateTime: number;
}

export type AlgoOrderType = 'STOP_MARKET' | 'TAKE_PROFIT_MARKET';
export const ALGO_ORDER_TYPES: readonly AlgoOrderType[] = ['STOP_MARKET', 'TAKE_PROFIT_MARKET'];
export type AlgoStatus = 'NEW' | 'TRIGGERING' | 'TRIGGERED' | 'FINISHED' | 'CANCELED';

/** A conditional order resting in the algo service until the last price reaches its trigger. */
export interface AlgoOrder {
  readonly algoId: number;
  readonly clientAlgoId: string;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly positionSide: PositionSide;
  readonly orderType: AlgoOrderType;
  /** 0 with closePosition: the whole position on the side, when it fires. */
  readonly quantity: number;
  readonly closePosition: boolean;
  readonly reduceOnly: boolean;
  readonly triggerPrice: number;
  readonly workingType: 'CONTRACT_PRICE' | 'MARK_PRICE';
  readonly algoStatus: AlgoStatus;
  /** The matching-engine order it placed when it fired; '' before. */
  readonly actualOrderId: string;
  readonly executedQty: number;
  readonly avgPrice: number;
  readonly createTime: number;
  readonly updateTime: number;
  readonly triggerTime: number;
}

/** Working: new, or filled in part with the rest still to fill. */
export const isFuturesOpen = (o: FuturesOrder): boolean =>
  o.status === 'NEW' || o.status === 'PARTIALLY_FILLED';

export const isAlgoOpen = (a: AlgoOrder): boolean =>
  a.algoStatus === 'NEW' || a.algoStatus === 'TRIGGERING' || a.algoStatus === 'TRIGGERED';

/** One fill of one of the account's futures orders. */
export interface FuturesTrade {
  readonly id: number;
  readonly orderId: number;
  readonly symbol: string;
  readonly side: OrderSide;
  readonly positionSide: PositionSide;
  readonly price: number;
  readonly qty: number;
  readonly quoteQty: number;
  readonly realizedPnl: number;
  readonly time: number;
  readonly maker: boolean;
  /** The fee of this fill, in the settlement asset. */
  readonly commission: number;
}
