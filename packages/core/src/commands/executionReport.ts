import * as t from 'io-ts';
import { closed } from '../codecs/closed';
import { ReportedFee } from '../fees/reportedFee';
import {
  literals,
  NonEmptyString,
  NonNegativeNumber,
  OrderId,
  PositiveNumber,
  Timestamp,
} from '../codecs/rule';

/**
 * What the exchange says about an order the engine placed, in FIX terms: `NEW` accepted,
 * `TRADE` a fill (in parts too), `CANCELED` / `EXPIRED` gone with what it filled, `REJECTED`.
 * `cumulativeQuantity` makes a TRADE idempotent: a report delivered twice changes nothing.
 */
export const ExecType = literals(['NEW', 'TRADE', 'CANCELED', 'EXPIRED', 'REJECTED'] as const);
export type ExecType = t.TypeOf<typeof ExecType>;

/** A refusal the rules treat apart from any other (SEMANTICS §9.1). */
export const Refusal = literals(['INSUFFICIENT_BALANCE'] as const);
export type Refusal = t.TypeOf<typeof Refusal>;

export const ExecutionReport = closed(
  'ExecutionReport',
  {
    type: t.literal('ExecutionReport'),
    orderId: OrderId,
    ts: Timestamp,
    clientOrderId: NonEmptyString,
    execType: ExecType,
  },
  {
    lastPrice: PositiveNumber,
    lastQuantity: PositiveNumber,
    cumulativeQuantity: NonNegativeNumber,
    exchangeOrderId: NonEmptyString,
    reason: NonEmptyString,
    /** The fee of this fill (`lastQuantity`), as the exchange charged it. */
    fee: ReportedFee,
    /**
     * Why a REJECTED order was refused, when it is a refusal the rules treat apart:
     * `INSUFFICIENT_BALANCE` (Binance -2010), which the engine must not retry (SEMANTICS §9.1).
     */
    refusal: Refusal,
  },
);
export type ExecutionReport = t.TypeOf<typeof ExecutionReport>;
