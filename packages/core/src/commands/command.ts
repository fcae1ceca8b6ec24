import * as t from 'io-ts';
import { tagged } from '../codecs/closed';
import { CreateSmartOrder } from './createSmartOrder';
import { ExecutionReport } from './executionReport';
import { Cancel, ModifyStopLoss, ModifyTrailing, ToggleBreakEven } from './liveCommands';
import { Tick } from './tick';
import { Timer } from './timer';

export const Command = tagged('Command', {
  CreateSmartOrder,
  ModifyStopLoss,
  ModifyTrailing,
  ToggleBreakEven,
  Cancel,
  Tick,
  Timer,
  ExecutionReport,
} as Record<string, t.Mixed>) as t.Type<Command, Command, unknown>;

export type Command =
  | CreateSmartOrder
  | ModifyStopLoss
  | ModifyTrailing
  | ToggleBreakEven
  | Cancel
  | Tick
  | Timer
  | ExecutionReport;

/** Commands a user sends about one order (not ticks, not reports). */
export type OrderCommand = ModifyStopLoss | ModifyTrailing | ToggleBreakEven | Cancel;
