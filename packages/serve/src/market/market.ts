import type { Checkpoint } from '@smart-orders/engine';

export interface ReplayStatus {
  readonly speed: number;
  readonly paused: boolean;
  /** Ticks handed to the engine so far, out of `total`. */
  readonly played: number;
  readonly total: number;
  readonly finished: boolean;
  /** Where a `pauseAt` will pause; null when none is set. */
  readonly pauseAt: number | null;
}

/** Where the market stands, as the page's market bar shows it. */
export interface MarketStatus {
  readonly mode: 'recorded' | 'live';
  readonly exchange: string;
  /** Market time: epoch ms of the last tick; null before the first. */
  readonly time: number | null;
  /** The symbols with market data: the recording's, or those watched live. */
  readonly symbols: readonly string[];
  /** Last price by symbol. */
  readonly prices: Readonly<Record<string, number>>;
  readonly replay: ReplayStatus | null;
}

export interface ReplayChange {
  readonly paused?: boolean;
  readonly speed?: number;
  /** Plays on up to this market time (epoch ms), then pauses before the next tick. */
  readonly pauseAt?: number;
}

/** Where the engine's ticks come from: a recorded file played in real time, or the exchange. */
export interface Market {
  start(): void;
  /** Stops feeding ticks and waits for the one in hand. */
  stop(): Promise<void>;
  /** The `ts` of a user's command: market time, so that the log stays in tick order. */
  commandTs(): number;
  /** Saved with a user's command, so that a resumed replay carries on after it, not before. */
  commandCheckpoint(): Checkpoint | undefined;
  /** A new order's symbol: a live market starts watching it. */
  watch(symbol: string): void;
  status(): MarketStatus;
  /** Pauses, resumes or changes the speed of a replay; null for a live market. */
  readonly control: ((change: ReplayChange) => void) | null;
}
