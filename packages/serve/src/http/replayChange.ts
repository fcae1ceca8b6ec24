import {
  Bool,
  closed,
  issuesOf,
  PositiveNumber,
  Timestamp,
  validationFailed,
} from '@smart-orders/core';
import type { ReplayChange } from '../market/market';
import { domainFailure, type ApiFailure } from './apiError';

const ReplayChangeCodec = closed(
  'ReplayChange',
  {},
  { paused: Bool, speed: PositiveNumber, pauseAt: Timestamp },
);

/** `POST /api/replay`: any of `{ "paused": true, "speed": 60, "pauseAt": <epoch ms> }`. */
export const replayChange = (body: unknown): ReplayChange | ApiFailure => {
  const decoded = ReplayChangeCodec.decode(body);
  return decoded._tag === 'Left'
    ? domainFailure(validationFailed(null, issuesOf(decoded.left)))
    : decoded.right;
};
