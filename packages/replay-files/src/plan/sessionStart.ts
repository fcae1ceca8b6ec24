/** When a trading session starts, for the daily loss limit: `"00:00 UTC"`, `"09:30 America/New_York"`. */
export interface SessionStart {
  readonly hour: number;
  readonly minute: number;
  /** An IANA time zone name (`UTC`, `Europe/Paris`); offsets like `+02:00` are not zones. */
  readonly timeZone: string;
}

const SHAPE = /^([01]\d|2[0-3]):([0-5]\d) (\S+)$/;

const isTimeZone = (name: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
};

/** The session start of `"HH:MM <time zone>"`; null when the text is not one. */
export const parseSessionStart = (text: string): SessionStart | null => {
  const match = SHAPE.exec(text.trim());
  if (match === null || !isTimeZone(match[3] ?? '')) return null;
  return { hour: Number(match[1]), minute: Number(match[2]), timeZone: match[3] ?? 'UTC' };
};
