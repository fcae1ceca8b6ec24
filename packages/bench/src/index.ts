export { orderMix } from './orderMix';
