import { generateKeyPairSync } from 'node:crypto';
import type { CcxtExchangeId } from '../exchangeIds';
import {
  getCcxtExchange,
  type CcxtCredentials,
  type CcxtExchange,
  type CcxtExchangeOptions,
} from '../getCcxtExchange';
import { createFakeHttp, type FakeHttp, type Route } from './fakeHttp';
import { MARKETS } from './markets';

// Coinbase signs with an EC key (ES256 JWT); the others with an HMAC secret.
const coinbaseKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'sec1', format: 'pem' })
  .toString();

export const credentialsFor = (exchangeId: CcxtExchangeId): CcxtCredentials =>
  exchangeId === 'coinbase'
    ? { apiKey: 'organizations/0f1e2d3c/apiKeys/SECRETKEYNAME7731', secret: coinbaseKey }
    : // Base64, as kraken's secrets are; the others take any string.
      {
        apiKey: 'AKfakeKey7Qz9Lp2Xw4',
        secret: Buffer.from('SecretNeverLeaks-DEADBEEF-4242').toString('base64'),
        password: 'Passphrase-Never-Leaks-77',
      };

/** The account-mode questions ccxt asks before it trades, answered as a classic account. */
const PREFLIGHT: Partial<Record<CcxtExchangeId, readonly Route[]>> = {
  bybit: [
    {
      method: 'GET',
      path: '/v5/user/query-api',
      answers: [{ body: { retCode: 0, retMsg: 'OK', result: { unified: 0, uta: 1 } } }],
    },
    {
      method: 'GET',
      path: '/v5/account/info',
      answers: [{ body: { retCode: 0, retMsg: 'OK', result: { unifiedMarginStatus: 5 } } }],
    },
  ],
  gate: [
    {
      method: 'GET',
      path: '/api/v4/account/detail',
      answers: [{ body: { user_id: 1001, key: { mode: 1 } } }],
    },
  ],
  bitget: [
    {
      method: 'GET',
      path: '/api/v3/account/settings',
      answers: [
        { status: 400, body: { code: '40084', msg: 'not a unified account', requestTime: 1 } },
      ],
    },
  ],
  kucoin: [
    {
      method: 'GET',
      path: '/api/ua/v1/account/mode',
      answers: [{ body: { code: '200000', data: { selfAccountMode: 'CLASSIC' } } }],
    },
  ],
};

export interface TestVenue {
  readonly http: FakeHttp;
  readonly exchange: CcxtExchange;
  readonly credentials: CcxtCredentials;
}

/**
 * The real ccxt class of the venue with fake credentials, fixture markets and the wire faked
 * below ccxt's signing; the unknown-outcome timings are shrunk to milliseconds.
 */
export const testVenue = (
  exchangeId: CcxtExchangeId,
  routes: readonly Route[] = [],
  overrides: Partial<CcxtExchangeOptions> = {},
): TestVenue => {
  const http = createFakeHttp([...routes, ...(PREFLIGHT[exchangeId] ?? [])]);
  const credentials = credentialsFor(exchangeId);
  const made = getCcxtExchange({
    exchangeId,
    credentials,
    markets: MARKETS[exchangeId],
    timing: { createDeadlineMs: 0, settleMarginMs: 0, backoffMs: [1, 1, 1], giveUpAfterMs: 50 },
    ...overrides,
    ccxtOptions: {
      ...overrides.ccxtOptions,
      fetchImplementation: http.fetchImplementation,
      enableRateLimit: false,
    },
  });
  if (made._tag === 'Left') throw new Error(made.left.message);
  return { http, exchange: made.right, credentials };
};
