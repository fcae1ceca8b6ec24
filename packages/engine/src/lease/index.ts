export * from './partitionLease';
export * from './partitionOwnership';
export * from './ownedStore';
export * from './ownedExchange';
