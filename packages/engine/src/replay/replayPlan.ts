import type { CreateSmartOrder, OrderCommand } from '@smart-orders/core';

/** A replay's plan (CLI.md): orders and commands, each taking effect at a recorded time. */
export interface PlanOrder {
  /** Epoch ms; null: the order exists before the first tick. */
  readonly at: number | null;
  readonly command: CreateSmartOrder;
}

export interface PlanCommand {
  readonly at: number;
  readonly command: OrderCommand;
}

export interface ReplayPlan {
  readonly orders: readonly PlanOrder[];
  readonly commands: readonly PlanCommand[];
}
