import {
  CCXT_EXCHANGE_IDS,
  getCcxtExchange,
  isCcxtExchangeId,
  type CcxtExchange,
} from '@smart-orders/exchange-ccxt';
import {
  DEFAULT_API_KEY,
  DEFAULT_SECRET,
  pointCcxtAtVenue,
  type CcxtExchangeLike,
} from '@smart-orders/venue';
import { badInput } from './cliFailure';

/**
 * API keys from the environment: `<EXCHANGE>_API_KEY`, `<EXCHANGE>_SECRET`,
 * `<EXCHANGE>_PASSWORD` (never the command line, which `ps` shows to everyone). Against a
 * local venue (`--url`) with none set, the venue's own default keys.
 */
const credentialsFor = (exchangeId: string, env: NodeJS.ProcessEnv, venue: boolean) => {
  const prefix = exchangeId.toUpperCase();
  const apiKey = env[`${prefix}_API_KEY`];
  const secret = env[`${prefix}_SECRET`];
  if ((apiKey === undefined || secret === undefined) && venue) {
    return { apiKey: DEFAULT_API_KEY, secret: DEFAULT_SECRET };
  }
  if (apiKey === undefined || secret === undefined) {
    return badInput(
      `${prefix}_API_KEY and ${prefix}_SECRET must be set in the environment to trade on ${exchangeId}`,
    );
  }
  const password = env[`${prefix}_PASSWORD`];
  return { apiKey, secret, ...(password === undefined ? {} : { password }) };
};

export interface LiveExchangeArgs {
  readonly exchange: string;
  readonly url?: string;
  readonly sandbox?: boolean;
}

/**
 * The exchanges `run` and `watchdog` take: the adapter's, and `binanceusdm`, Binance trading its
 * USDⓈ-M perpetuals (the adapter's binance with ccxt's `defaultType` swap: balances and positions
 * are the futures wallet's, stops go to the algo service); against a local venue, one started
 * with `--market usdm`.
 */
export const LIVE_EXCHANGE_IDS = [...CCXT_EXCHANGE_IDS, 'binanceusdm'] as const;

/** A live exchange connection of its own, as `run` and `watchdog` open it (CLI.md). */
export const openLiveExchange = (args: LiveExchangeArgs, env: NodeJS.ProcessEnv): CcxtExchange => {
  const url = args.url;
  const usdm = args.exchange === 'binanceusdm';
  const exchangeId = usdm ? 'binance' : args.exchange;
  // Before the keys: asking for FTX_API_KEY would tell a user to look for keys that cannot help.
  if (!isCcxtExchangeId(exchangeId))
    badInput(
      `--exchange: exchange "${args.exchange}" is not supported; supported are ${LIVE_EXCHANGE_IDS.join(', ')}`,
    );
  const credentials = credentialsFor(args.exchange, env, url !== undefined);
  const made = getCcxtExchange({
    exchangeId,
    credentials,
    ...(args.sandbox === true ? { sandbox: true } : {}),
    ...(usdm ? { ccxtOptions: { options: { defaultType: 'swap' } } } : {}),
    ...(url === undefined
      ? {}
      : exchangeId === 'binance'
        ? {
            configure: (ex: unknown) =>
              void pointCcxtAtVenue(ex as CcxtExchangeLike, url, usdm ? 'usdm' : 'spot'),
          }
        : { url }),
  });
  if (made._tag === 'Left') return badInput(`--exchange: ${made.left.message}`);
  return made.right;
};
