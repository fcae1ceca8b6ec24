// Tick files (CSV or JSON lines, plain or gzipped) and plan files (CLI.md), read and checked.
export { formatInputError, inputError, isInputError, type InputError } from './inputError';
export { readTicks, type TickFile } from './ticks/readTicks';
export { streamTicks } from './ticks/streamTicks';
export type { ParsedTick, TickFormat, TickLineParser, TickOptions } from './ticks/tickLineParser';
export { readPlan } from './plan/readPlan';
export { DEFAULT_ACCOUNT_ID, decodePlan, type Plan, type PlanAccount } from './plan/decodePlan';
export type { FuturesSection, FuturesSymbolSpec } from './plan/futuresCodec';
export { AccountSpec, RiskLimits } from './plan/accountCodec';
export {
  FAULT_KINDS,
  FaultCodec,
  type CloseWebSocket,
  type DelayExecutionReports,
  type DropExecutionReports,
  type ExecuteWithoutAnswer,
  type Fault,
  type OffMarketPrint,
  type RejectMarketOrders,
} from './plan/faultCodec';
export { PlannedOrderCodec, type PlannedOrder } from './plan/planOrderCodec';
export { PlannedCommandCodec, type PlannedCommand } from './plan/planCommandCodec';
