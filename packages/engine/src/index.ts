export * from './ports/eventStore';
export * from './ports/exchange';
