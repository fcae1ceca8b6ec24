import { left, right, type Either } from 'fp-ts/Either';
import { decodeCommand, type DomainError } from '@smart-orders/core';
import type { Engine, StoredEvent } from '@smart-orders/engine';
import type { Market } from './market/market';

/**
 * A user's command, decoded by the core's codec and applied as one unit of work with the
 * market's checkpoint, so that a resumed replay carries on after it. Read at the moment the
 * work is queued, the checkpoint is that of the last tick queued before it.
 */
export const applyCommand = async (
  engine: Engine,
  market: Market,
  input: unknown,
): Promise<Either<DomainError, readonly StoredEvent[]>> => {
  const decoded = decodeCommand(input);
  if (decoded._tag === 'Left') return decoded;
  const command = decoded.right;
  const checkpoint = market.commandCheckpoint();
  const result = await engine.process({
    commands: [command],
    ...(checkpoint === undefined ? {} : { checkpoint }),
  });
  const rejection = result.rejections[0];
  if (rejection !== undefined) return left(rejection.error);
  if (command.type === 'CreateSmartOrder') market.watch(command.symbol);
  return right(result.events);
};
