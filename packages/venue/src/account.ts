import { add, sub } from '@smart-orders/core';

export interface BalanceLine {
  readonly asset: string;
  readonly free: number;
  readonly locked: number;
}

/** Spot balances: working orders lock what they may spend, so two orders cannot spend it twice. */
export interface Account {
  free(asset: string): number;
  /** Moves `amount` from free to locked; false (and nothing moved) when free is short. */
  lock(asset: string, amount: number): boolean;
  unlock(asset: string, amount: number): void;
  /** Spends from free; false (and nothing spent) when free is short. */
  spend(asset: string, amount: number): boolean;
  /** Spends from what an order locked. */
  spendLocked(asset: string, amount: number): void;
  credit(asset: string, amount: number): void;
  lines(): readonly BalanceLine[];
}

export const createAccount = (initial: Readonly<Record<string, number>>): Account => {
  const balances = new Map<string, { free: number; locked: number }>(
    Object.entries(initial).map(([asset, free]) => [asset, { free, locked: 0 }]),
  );
  const line = (asset: string): { free: number; locked: number } => {
    const found = balances.get(asset);
    if (found !== undefined) return found;
    const fresh = { free: 0, locked: 0 };
    balances.set(asset, fresh);
    return fresh;
  };
  return {
    free: (asset) => line(asset).free,
    lock: (asset, amount) => {
      const b = line(asset);
      if (b.free < amount) return false;
      b.free = sub(b.free, amount);
      b.locked = add(b.locked, amount);
      return true;
    },
    unlock: (asset, amount) => {
      const b = line(asset);
      b.locked = sub(b.locked, amount);
      b.free = add(b.free, amount);
    },
    spend: (asset, amount) => {
      const b = line(asset);
      if (b.free < amount) return false;
      b.free = sub(b.free, amount);
      return true;
    },
    spendLocked: (asset, amount) => {
      const b = line(asset);
      b.locked = sub(b.locked, amount);
    },
    credit: (asset, amount) => {
      const b = line(asset);
      b.free = add(b.free, amount);
    },
    lines: () => [...balances].map(([asset, b]) => ({ asset, free: b.free, locked: b.locked })),
  };
};
