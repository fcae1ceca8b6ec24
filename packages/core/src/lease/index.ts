export * from './leaseEvent';
export * from './leaseState';
export * from './decideLease';
