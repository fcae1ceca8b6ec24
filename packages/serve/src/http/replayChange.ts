import {
  Bool,
  closed,
  issuesOf,
  PositiveNumber,
  Timestamp,
  validationFailed,
} from '@smart-orders/core';
import type { ReplayChange } from '../market/market';
import { speedProblem } from '../serveOptions';
import { domainFailure, type ApiFailure } from './apiError';

const ReplayChangeCodec = closed(
  'ReplayChange',
  {},
  { paused: Bool, speed: PositiveNumber, pauseAt: Timestamp },
);

/** `POST /api/replay`: any of `{ "paused": true, "speed": 60, "pauseAt": <epoch ms> }`. */
export const replayChange = (body: unknown): ReplayChange | ApiFailure => {
  const decoded = ReplayChangeCodec.decode(body);
  if (decoded._tag === 'Left') return domainFailure(validationFailed(null, issuesOf(decoded.left)));
  const slow = decoded.right.speed === undefined ? null : speedProblem(decoded.right.speed);
  return slow === null
    ? decoded.right
    : domainFailure(validationFailed(null, [{ path: 'speed', rule: slow }]));
};
