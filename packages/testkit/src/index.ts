export { given, history, paperFills, type GivenOptions } from './givenWhenThen';
export { replay, type ReplayInput, type ReplayReport } from './replay';
export {
  describeEventStoreContract,
  type EventStoreFactory,
  type EventStoreUnderTest,
} from './storeContract';
