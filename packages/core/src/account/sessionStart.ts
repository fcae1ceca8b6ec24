import { parseTimeZone, type TimeZone } from './timeZone';

/** When a trading session starts, for the daily loss limit: `"00:00 UTC"`, `"08:00 Europe/London"`. */
export interface SessionStart {
  readonly hour: number;
  readonly minute: number;
  readonly zone: TimeZone;
  /** As written in the risk config. */
  readonly text: string;
}

const SHAPE = /^([01]\d|2[0-3]):([0-5]\d) (\S+)$/;

/** The session start of `"HH:MM <zone>"` (zone: `UTC`, `±HH:MM` or IANA); null when it is not one. */
export const parseSessionStart = (text: string): SessionStart | null => {
  const m = SHAPE.exec(text.trim());
  if (m === null) return null;
  const zone = parseTimeZone(m[3] ?? '');
  return zone === null ? null : { hour: Number(m[1]), minute: Number(m[2]), zone, text };
};
