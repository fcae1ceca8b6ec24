import { valueText } from './numberText';

type Data = Readonly<Record<string, unknown>>;

const v = (d: Data, key: string): string => valueText(d[key]);

const percent = (rate: unknown): string =>
  typeof rate === 'number' ? `${valueText(Math.round(rate * 1e8) / 1e6)}%` : valueText(rate);

/** A fill, with its fee when the exchange charged one (SEMANTICS §9.1). */
const fill = (d: Data): string => {
  const fee = d.fee as Data | undefined;
  const charged = fee === undefined ? '' : `, fee ${v(fee, 'amount')} ${v(fee, 'asset')}`;
  return `${v(d, 'quantity')} @ ${v(d, 'price')}${charged}`;
};

/** What a terminal event settled: P&L gross, fees and net, the fees apart, the dust. */
const settled = (d: Data): string[] => {
  const pnl = d.realisedPnl as Data | undefined;
  if (pnl === undefined) return [];
  const parts = [`P&L ${v(pnl, 'net')} net (gross ${v(pnl, 'gross')}, fees ${v(pnl, 'fees')})`];
  for (const f of list(d.feesUnvalued))
    parts.push(`fee ${v(f as Data, 'amount')} ${v(f as Data, 'asset')} not valued`);
  if (typeof d.dust === 'number' && d.dust > 0) parts.push(`dust ${v(d, 'dust')}`);
  return parts;
};

const list = (u: unknown): unknown[] => (Array.isArray(u) ? u : []);

/** A level's price, or its offset from the entry fill (SEMANTICS §8.1) as `+2%` above it or `−2%` below. */
const at = (level: Data, sign: string): string =>
  level.offsetPct === undefined ? v(level, 'price') : `${sign}${v(level, 'offsetPct')}%`;

/** Offset levels as an entry fill resolved them: `TP 102.03/104.05, SL 99.03, L3 into L2`. */
const resolved = (d: Data): string => {
  const parts: string[] = [];
  const prices = list(d.takeProfitPrices);
  if (prices.length > 0) parts.push(`TP ${prices.map(valueText).join('/')}`);
  if (d.stopPrice !== undefined) parts.push(`SL ${v(d, 'stopPrice')}`);
  for (const m of list(d.merged))
    parts.push(`L${v(m as Data, 'level')} into L${v(m as Data, 'into')}`);
  return parts.length === 0 ? '' : `, ${parts.join(', ')}`;
};

const entryText = (entry: Data): string => {
  if (entry.type === 'LIMIT') return `LIMIT ${v(entry, 'price')}`;
  if (entry.type !== 'TRAILING') return 'MARKET';
  const from = entry.activationPrice === undefined ? '' : ` from ${v(entry, 'activationPrice')}`;
  return `TRAILING entry ${percent(entry.callbackRate)}${from}`;
};

const created = (d: Data): string => {
  const entry = (d.entry ?? {}) as Data;
  const parts = [`${v(d, 'side')} ${v(d, 'quantity')} ${v(d, 'symbol')} ${entryText(entry)}`];
  const levels = list(d.takeProfits).map((l) => {
    const level = l as Data;
    const trail = level.trailing as Data | undefined;
    return `${at(level, d.side === 'SELL' ? '−' : '+')}×${v(level, 'sizePct')}%${trail === undefined ? '' : ` trail ${percent(trail.callbackRate)}`}`;
  });
  if (levels.length > 0) parts.push(`TP ${levels.join(' ')}`);
  if (d.stopLoss !== undefined) {
    const stop = d.stopLoss as Data;
    const ladder = stop.ladder === undefined ? '' : ` ladder ${v(stop, 'ladder')}`;
    parts.push(`SL ${at(stop, d.side === 'SELL' ? '+' : '−')}${ladder}`);
  }
  if (d.trailing !== undefined) {
    const trailing = d.trailing as Data;
    const from =
      trailing.activationPrice === undefined ? '' : ` from ${v(trailing, 'activationPrice')}`;
    parts.push(`trail ${percent(trailing.callbackRate)}${from}`);
  }
  if (d.breakEven === true) parts.push('break-even');
  const limits = (d.timeLimits ?? {}) as Data;
  if (limits.entryTimeoutMs !== undefined)
    parts.push(`entry timeout ${v(limits, 'entryTimeoutMs')} ms`);
  if (limits.positionTimeLimitMs !== undefined)
    parts.push(`position time limit ${v(limits, 'positionTimeLimitMs')} ms`);
  if (d.nativeStop !== undefined) {
    const native = d.nativeStop as Data;
    parts.push(
      native.mode === 'OFF'
        ? `no native stop (${v(native, 'reason')})`
        : `native stop ${percent(native.offsetRate)} behind (${v(native, 'mode')})`,
    );
  }
  return parts.join(', ');
};

const ocoCancelled = (d: Data): string => {
  const cancelled = list(d.levels).map((l) => `TP L${valueText(l)}`);
  if (d.stopLoss === true) cancelled.push('stop');
  if (d.entry === true) cancelled.push('entry');
  return `${v(d, 'reason')}: ${cancelled.length === 0 ? 'nothing' : cancelled.join(', ')} cancelled`;
};

/** Scalar fields as `key=value`, for events this table has no words for yet. */
const generic = (d: Data): string =>
  Object.entries(d)
    .map(([key, value]) => `${key}=${valueText(value)}`)
    .join(' ');

const DESCRIBE: Readonly<Record<string, (d: Data) => string>> = {
  SmartOrderCreated: created,
  // Version 1 logs: a part of an entry before the last (SEMANTICS §9.4 v2 writes EntryFilled).
  EntryPartiallyFilled: (d) => `${fill(d)} (${v(d, 'filledQuantity')} filled)`,
  EntryFilled: (d) =>
    `${d.level === undefined ? '' : `L${v(d, 'level')} `}${fill(d)}${d.averagePrice === undefined ? '' : ` (average ${v(d, 'averagePrice')} of ${v(d, 'filledQuantity')})`}${d.netQuantity === undefined ? '' : `, net ${v(d, 'netQuantity')}`}, TP quantities ${list(d.takeProfitQuantities).map(valueText).join('/')}${resolved(d)}`,
  TrailingArmed: (d) => `mark ${v(d, 'mark')}, stop ${v(d, 'stopPrice')}`,
  TrailingRaised: (d) => `mark ${v(d, 'mark')}, stop ${v(d, 'stopPrice')}`,
  TpTrailArmed: (d) => `L${v(d, 'level')} mark ${v(d, 'mark')}, trail stop ${v(d, 'stopPrice')}`,
  TpTrailRaised: (d) => `L${v(d, 'level')} mark ${v(d, 'mark')}, trail stop ${v(d, 'stopPrice')}`,
  StopLadderMoved: (d) => `after L${v(d, 'afterLevel')}: stop ${v(d, 'from')} → ${v(d, 'to')}`,
  EntryTrailArmed: (d) => `mark ${v(d, 'mark')}, entry at ${v(d, 'triggerPrice')}`,
  EntryTrailMoved: (d) => `mark ${v(d, 'mark')}, entry at ${v(d, 'triggerPrice')}`,
  EntryTriggered: (d) => `${fill(d)} (trigger ${v(d, 'triggerPrice')})`,
  TimeLimitReached: (d) => `deadline ${v(d, 'deadline')}`,
  // No levels: the rest of one entry, cancelled at the first take-profit fill (SEMANTICS §9.4).
  EntriesCancelled: (d) =>
    `${v(d, 'reason')}: ${
      list(d.levels).length === 0
        ? 'rest of the entry'
        : list(d.levels)
            .map((l) => `entry L${valueText(l)}`)
            .join(', ')
    } cancelled`,
  TpTriggered: (d) => `L${v(d, 'level')} ${fill(d)} (target ${v(d, 'targetPrice')})`,
  TpFilled: (d) => `L${v(d, 'level')} ${fill(d)}`,
  BreakEvenMoved: (d) => `stop ${v(d, 'from')} → ${v(d, 'to')}`,
  StopLossTriggered: (d) =>
    d.stopPrice === null
      ? `${v(d, 'kind')}: ${v(d, 'quantity')} @ ${d.price === null ? 'market' : v(d, 'price')}`
      : `${v(d, 'kind')} at ${v(d, 'stopPrice')}: ${fill(d)}`,
  StopLossRetried: (d) =>
    `${v(d, 'reason')}: ${v(d, 'quantity')} @ ${d.price === null ? 'market' : v(d, 'price')}`,
  StopLossFilled: fill,
  OcoCancelled: ocoCancelled,
  StopLossModified: (d) => `stop ${v(d, 'from')} → ${v(d, 'to')}`,
  TrailingModified: (d) =>
    `callback ${percent(d.from)} → ${percent(d.to)}, stop ${v(d, 'stopPrice')}`,
  BreakEvenToggled: (d) => (d.enabled === true ? 'on' : 'off'),
  FlattenTriggered: (d) => `${v(d, 'quantity')} @ ${d.price === null ? 'market' : v(d, 'price')}`,
  FlattenFilled: fill,
  NativeStopPlaced: (d) =>
    `stop ${v(d, 'stopPrice')} for ${v(d, 'quantity')}${list(d.replaces).length === 0 ? '' : `, replacing ${list(d.replaces).map(valueText).join(', ')}`}`,
  NativeStopMoved: (d) => `stop ${v(d, 'from')} → ${v(d, 'stopPrice')} for ${v(d, 'quantity')}`,
  NativeStopCancelled: (d) =>
    `${v(d, 'reason')}: ${list(d.clientOrderIds).map(valueText).join(', ')}`,
  NativeStopFilled: fill,
  ExchangeOrderAccepted: (d) => `${v(d, 'clientOrderId')} → ${v(d, 'exchangeOrderId')}`,
  ExchangeOrderRejected: (d) => `${v(d, 'clientOrderId')}: ${v(d, 'reason')}`,
  ExchangeOrderCancelled: (d) => `${v(d, 'clientOrderId')}, ${v(d, 'filledQuantity')} filled`,
  SmartOrderClosed: (d) => settled(d).join(', '),
  SmartOrderStopped: (d) => [v(d, 'kind'), ...settled(d)].join(', '),
  SmartOrderCancelled: (d) =>
    [
      d.flatten === true ? 'flattened' : 'not flattened',
      ...(d.reason === undefined ? [] : [v(d, 'reason')]),
      ...settled(d),
    ].join(', '),
  KillSwitchTripped: (d) =>
    d.detail === undefined ? v(d, 'reason') : `${v(d, 'reason')}: ${v(d, 'detail')}`,
  TradingStateChanged: (d) => `${v(d, 'from')} → ${v(d, 'to')}`,
};

/** The key fields of an event's data in a few words, like `L1 0.4 @ 105.5` for a `TpFilled`. */
export const describeEvent = (type: string, data: unknown): string => {
  const d = typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as Data) : {};
  return (DESCRIBE[type] ?? generic)(d);
};
