import type { Tick } from '@smart-orders/core';
import type {
  EngineAccount,
  EngineMetrics,
  EventStore,
  Exchange,
  Logger,
  ReplayPlan,
} from '@smart-orders/engine';
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
  /**
   * Host names (as a browser sends them in the Host header) the server answers to besides
   * localhost, 127.0.0.1, [::1] and the bound address, e.g. `panel.example.com`
   * (`--allowed-host`). Any other name is refused, which defeats DNS rebinding.
   */
  readonly allowedHosts?: readonly string[];
  /** The built page; default this package's `dist/web`. */
  readonly webRoot?: string;
  /** Where the server and its engine write records (default: warnings to stderr, JSON). */
  readonly logger?: Logger;
  /** The engine's Prometheus metrics, for the embedder to serve (`createEngineMetrics()`). */
  readonly metrics?: EngineMetrics;
  /**
   * The account the engine guards (SEMANTICS §7). Default on a live feed: `default`, trading
   * the feed's symbols, with the live protocols on (reconciliation gate, heartbeats, stale
   * data), as `run`; on a recorded feed (paper): none. `false`: none, live or not.
   */
  readonly account?: EngineAccount | false;
}

export const MIN_TOKEN_LENGTH = 16;

/**
 * Replay speeds: 1e9 plays as fast as the engine goes (tests, catching up); below 0.001 an
 * hour of recording would last more than a month.
 */
export const MIN_SPEED = 0.001;
export const MAX_SPEED = 1e9;

export const speedProblem = (speed: number): string | null =>
  Number.isFinite(speed) && speed >= MIN_SPEED && speed <= MAX_SPEED
    ? null
    : `must be a number from ${MIN_SPEED} to ${MAX_SPEED} (1e9), got ${speed}`;

export interface ServeConfigError {
  readonly code:
    | 'TOKEN_REQUIRED'
    | 'WEAK_TOKEN'
    | 'INVALID_SPEED'
    | 'INVALID_PORT'
    | 'NO_TICKS'
    | 'INVALID_ALLOWED_HOST';
  readonly message: string;
}

/** What makes a server unsafe or unable to run, found before anything is opened or bound. */
export const checkServeOptions = (
  options: Pick<ServeOptions, 'feed' | 'host' | 'port' | 'token' | 'allowedHosts'>,
): ServeConfigError | null => {
  const host = options.host ?? '127.0.0.1';
  const { token, feed, port } = options;
  // A token of blanks, or with blanks around it, can never be sent back as it was given:
  // HTTP trims header values.
  if (token !== undefined && token.trim() !== token)
    return {
      code: 'WEAK_TOKEN',
      message:
        token.trim() === ''
          ? '--token is only whitespace: give a token of at least 16 characters'
          : '--token must not begin or end with whitespace (HTTP trims it, so no request could carry it)',
    };
  for (const name of options.allowedHosts ?? [])
    if (!/^[a-z0-9.-]+$|^\[[0-9a-f:.]+\]$/i.test(name))
      return {
        code: 'INVALID_ALLOWED_HOST',
        message: `--allowed-host must be a host name or address without port or scheme, like panel.example.com, got "${name}"`,
      };
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
    const slow = speedProblem(feed.speed);
    if (slow !== null) return { code: 'INVALID_SPEED', message: `--speed ${slow}` };
    if (feed.ticks.length === 0)
      return { code: 'NO_TICKS', message: 'the tick file has no ticks to replay' };
  }
  return null;
};
