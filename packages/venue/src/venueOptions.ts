import { left, right, type Either } from 'fp-ts/Either';
import type { Fault } from './fault';
import type { Credentials } from './restAuth';
import type { PlayMode } from './tickPlayer';
import { venueError, type VenueError } from './venueError';
import { isMarketSymbol, venueMarket, type MarketRules, type VenueMarket } from './venueMarket';
import type { VenueTick } from './venueTick';

export interface VenueOptions {
  /** Recorded ticks; those of other symbols are ignored. */
  readonly ticks: readonly VenueTick[];
  /** The market served, `BASE/QUOTE`. */
  readonly symbol: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** Real time × speed (default 1); ignored with `step`. */
  readonly speed?: number;
  /** Ticks are played only when `advance` is called (after the first, played at start). */
  readonly step?: boolean;
  readonly faults?: readonly Fault[];
  readonly apiKey?: string;
  readonly secret?: string;
  /** Starting free balances by asset; default 100000 of the quote asset and none of the base. */
  readonly balances?: Readonly<Record<string, number>>;
  readonly market?: Partial<MarketRules>;
}

export const DEFAULT_API_KEY = 'venue-api-key';
export const DEFAULT_SECRET = 'venue-secret';

export interface CheckedOptions {
  readonly market: VenueMarket;
  readonly ticks: readonly VenueTick[];
  readonly port: number;
  readonly mode: PlayMode;
  readonly faults: readonly Fault[];
  readonly credentials: Credentials;
  readonly balances: Readonly<Record<string, number>>;
}

const invalid = (message: string) => left(venueError('INVALID_OPTIONS', message));

export const checkVenueOptions = (o: VenueOptions): Either<VenueError, CheckedOptions> => {
  const market = venueMarket(o.symbol, o.market);
  if (market._tag === 'Left') return market;
  const m = market.right;
  const ticks = o.ticks.filter((t) => isMarketSymbol(m, t.symbol));
  if (ticks.length === 0) {
    const seen = [...new Set(o.ticks.map((t) => t.symbol))].slice(0, 5).join(', ') || 'none';
    return left(
      venueError(
        'NO_TICKS',
        `no ticks for ${o.symbol} among ${o.ticks.length} ticks (symbols seen: ${seen})`,
      ),
    );
  }
  const outOfOrder = ticks.findIndex((t, i) => i > 0 && t.ts < (ticks[i - 1] as VenueTick).ts);
  if (outOfOrder > 0)
    return invalid(
      `ticks must be in time order: tick ${outOfOrder} (ts ${ticks[outOfOrder]?.ts}) is before the one before it`,
    );
  const port = o.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    return invalid(`port must be an integer from 0 to 65535; got ${port}`);
  if (o.step === true && o.speed !== undefined) return invalid('give speed or step, not both');
  const speed = o.speed ?? 1;
  if (!(Number.isFinite(speed) && speed > 0))
    return invalid(`speed must be a positive number; got ${speed}`);
  const balances = o.balances ?? { [m.base]: 0, [m.quote]: 100000 };
  const badBalance = Object.entries(balances).find(([, v]) => !(Number.isFinite(v) && v >= 0));
  if (badBalance !== undefined)
    return invalid(`balances.${badBalance[0]} must be a number ≥ 0; got ${badBalance[1]}`);
  const apiKey = o.apiKey ?? DEFAULT_API_KEY;
  const secret = o.secret ?? DEFAULT_SECRET;
  if (apiKey === '' || secret === '') return invalid('apiKey and secret must not be empty');
  return right({
    market: m,
    ticks,
    port,
    mode: o.step === true ? { step: true } : { step: false, speed },
    faults: o.faults ?? [],
    credentials: { apiKey, secret },
    balances: { [m.base]: 0, [m.quote]: 0, ...balances },
  });
};
