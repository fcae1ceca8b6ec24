import * as nodeModule from 'node:module';
import type * as Ccxt from 'ccxt';

type CreateRequire = typeof nodeModule.createRequire;

// ccxt's CommonJS build requires ESM-only packages (`@noble/curves`, `@noble/hashes`). Node
// ≥ 20.19 loads them natively; jest's module registry cannot before Node 24.9, and its
// `node:module` is a subclass of Node's whose `createRequire` leads back into that registry.
// Node's own `createRequire` is one prototype up there, and the plain one everywhere else.
const parent = Object.getPrototypeOf(nodeModule.Module) as { createRequire?: CreateRequire };
const createRequire: CreateRequire = parent.createRequire ?? nodeModule.createRequire;

/** ccxt, loaded by Node's require. Every runtime use of ccxt here goes through it, so there is one set of error classes. */
export const ccxt = createRequire(__filename)('ccxt') as typeof Ccxt;
