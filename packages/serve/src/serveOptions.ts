import type { Tick } from '@smart-orders/core';
import type { EventStore, Exchange, ReplayPlan } from '@smart-orders/engine';
import { isLoopback } from './isLoopback';

/** Ticks of a recorded file, played in real time × `speed`. */
export interface RecordedFeed {
  readonly kind: 'recorded';
  readonly ticks: readonly Tick[];
  /** Orders and commands that take effect at recorded times, as in `replay`. */
  readonly plan?: ReplayPlan;
  readonly speed: number;
  /** Starts with the replay paused: nothing moves until it is resumed. */
  readonly paused?: boolean;
  /** Names the replay's checkpoint: started again on the same store, it carries on after it. */
  readonly checkpointName: string;
}

/** Ticks of the exchange's own market data. */
export interface LiveFeed {
  readonly kind: 'live';
  /** Watched from the start; the symbols of open and new orders are watched as well. */
  readonly symbols: readonly string[];
}

export interface ServeOptions {
  readonly store: EventStore;
  readonly exchange: Exchange;
  readonly feed: RecordedFeed | LiveFeed;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0: a free port. */
  readonly port?: number;
  /** Required by every change when set; required to bind beyond loopback. */
  readonly token?: string;
  /** The built page; default this package's `dist/web`. */
  readonly webRoot?: string;
  readonly onWarning?: (message: string) => void;
}

export const MIN_TOKEN_LENGTH = 16;

export interface ServeConfigError {
  readonly code: 'TOKEN_REQUIRED' | 'WEAK_TOKEN' | 'INVALID_SPEED' | 'INVALID_PORT' | 'NO_TICKS';
  readonly message: string;
}

/** What makes a server unsafe or unable to run, found before anything is opened or bound. */
export const checkServeOptions = (
  options: Pick<ServeOptions, 'feed' | 'host' | 'port' | 'token'>,
): ServeConfigError | null => {
  const host = options.host ?? '127.0.0.1';
  const { token, feed, port } = options;
  if (token === undefined && !isLoopback(host))
    return {
      code: 'TOKEN_REQUIRED',
      message: `--host ${host} is reachable beyond this machine: give a --token (or SMART_ORDERS_TOKEN) that changes must carry, or bind 127.0.0.1`,
    };
  if (token !== undefined && token.length < MIN_TOKEN_LENGTH)
    return {
      code: 'WEAK_TOKEN',
      message: `--token must be at least ${MIN_TOKEN_LENGTH} characters, got ${token.length}`,
    };
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535))
    return { code: 'INVALID_PORT', message: `--port must be an integer in 0..65535, got ${port}` };
  if (feed.kind === 'recorded') {
    if (!Number.isFinite(feed.speed) || feed.speed <= 0)
      return { code: 'INVALID_SPEED', message: `--speed must be a number > 0, got ${feed.speed}` };
    if (feed.ticks.length === 0)
      return { code: 'NO_TICKS', message: 'the tick file has no ticks to replay' };
  }
  return null;
};
