export * from './describeExchangeContract';
export * from './exchangeHarness';
export * from './paperHarness';
export * from './scriptedExchange';
