export * from './orderMix';
