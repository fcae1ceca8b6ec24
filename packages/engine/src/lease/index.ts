export * from './partitionLease';
