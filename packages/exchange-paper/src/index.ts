export * from './paperBook';
export * from './paperExchange';
