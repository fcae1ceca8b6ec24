import { getCcxtExchange, type CcxtExchange } from '@smart-orders/exchange-ccxt';
import { pointCcxtAtVenue, type CcxtExchangeLike } from '@smart-orders/venue';
import { badInput } from './cliFailure';

/** API keys from the environment: `<EXCHANGE>_API_KEY`, `<EXCHANGE>_SECRET`, `<EXCHANGE>_PASSWORD`. */
const credentialsFor = (exchangeId: string, env: NodeJS.ProcessEnv) => {
  const prefix = exchangeId.toUpperCase();
  const apiKey = env[`${prefix}_API_KEY`];
  const secret = env[`${prefix}_SECRET`];
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

/** A live exchange connection of its own, as `run` and `watchdog` open it (CLI.md). */
export const openLiveExchange = (args: LiveExchangeArgs, env: NodeJS.ProcessEnv): CcxtExchange => {
  const credentials = credentialsFor(args.exchange, env);
  const url = args.url;
  const made = getCcxtExchange({
    exchangeId: args.exchange,
    credentials,
    ...(args.sandbox === true ? { sandbox: true } : {}),
    ...(url === undefined
      ? {}
      : args.exchange === 'binance'
        ? { configure: (ex: unknown) => void pointCcxtAtVenue(ex as CcxtExchangeLike, url) }
        : { url }),
  });
  if (made._tag === 'Left') return badInput(`--exchange: ${made.left.message}`);
  return made.right;
};
