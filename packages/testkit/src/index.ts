export { given, history, paperFills, type GivenOptions } from './givenWhenThen';
export { replay, type ReplayInput, type ReplayReport } from './replay';
export {
  describeEventStoreContract,
  type EventStoreFactory,
  type EventStoreUnderTest,
} from './storeContract';
export {
  describeExchangeContract,
  getScriptedExchange,
  inTickTime,
  type ExchangeHarness,
  type ExchangeUnderTest,
  type Script,
  type ScriptedExchange,
  type ScriptedExchangeOptions,
} from './exchangeContract';
