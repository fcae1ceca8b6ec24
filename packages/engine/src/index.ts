export * from './ports/eventStore';
export * from './ports/exchange';
export * from './createEngine';
export * from './effects';
export * from './batch';
export * from './reportsFromOrder';
export * from './index/triggerIndex';
export * from './index/minHeap';
export * from './replay/replayPlan';
export * from './replay/replayTicks';
export * from './stores';
export * from './projections/readOrderViews';
export * from './account/accountDesk';
export * from './account/readHoldings';
export * from './account/accountEffects';
export * from './account/accountWork';
export * from './account/watchAccount';
// submit answers an Either: a caller can name its type without depending on fp-ts itself.
export type { Either } from 'fp-ts/Either';
