import type { BalanceLine } from './account';
import { decimalText } from './decimalText';
import type { ExecutionReport } from './executionReport';
import { isOpen } from './venueOrder';

/** Binance's spot `executionReport` event; times are the venue's recorded time. */
export const executionReportJson = (r: ExecutionReport, seq: number) => {
  const o = r.order;
  const t = r.trade;
  return {
    e: 'executionReport',
    E: r.ts,
    s: o.symbol,
    c: r.cancelClientOrderId ?? o.clientOrderId,
    S: o.side,
    o: o.type,
    f: o.timeInForce,
    q: decimalText(o.quantity),
    p: decimalText(o.price ?? 0),
    P: decimalText(o.stopPrice ?? 0),
    F: decimalText(0),
    g: -1,
    C: r.cancelClientOrderId === null ? '' : o.clientOrderId,
    x: r.execType,
    X: o.status,
    r: 'NONE',
    i: o.orderId,
    l: decimalText(t?.qty ?? 0),
    z: decimalText(o.executedQty),
    L: decimalText(t?.price ?? 0),
    // The commission of this execution alone, in the asset charged (null when nothing filled).
    n: decimalText(t?.commission ?? 0),
    N: t?.commissionAsset ?? null,
    T: r.ts,
    t: t?.id ?? -1,
    I: seq,
    w: isOpen(o) && o.triggered,
    m: t?.isMaker ?? false,
    M: false,
    O: o.time,
    Z: decimalText(o.cumulativeQuoteQty),
    Y: decimalText(t?.quoteQty ?? 0),
    Q: decimalText(o.quoteOrderQty ?? 0),
    W: o.triggered ? o.time : -1,
    V: 'NONE',
  };
};

/** Binance's `outboundAccountPosition`: the balances after a change. */
export const accountPositionJson = (ts: number, lines: readonly BalanceLine[]) => ({
  e: 'outboundAccountPosition',
  E: ts,
  u: ts,
  B: lines.map((b) => ({ a: b.asset, f: decimalText(b.free), l: decimalText(b.locked) })),
});
