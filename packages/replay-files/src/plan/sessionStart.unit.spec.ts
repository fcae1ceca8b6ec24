import { parseSessionStart } from './sessionStart';

describe('parseSessionStart', () => {
  it.each([
    ['00:00 UTC', { hour: 0, minute: 0, timeZone: 'UTC' }],
    ['09:30 America/New_York', { hour: 9, minute: 30, timeZone: 'America/New_York' }],
    ['23:59 Europe/Paris', { hour: 23, minute: 59, timeZone: 'Europe/Paris' }],
  ])('reads %j', (text, start) => {
    expect(parseSessionStart(text)).toEqual(start);
  });

  it.each([
    '24:00 UTC',
    '9:30 UTC',
    '09:60 UTC',
    '00:00',
    '00:00 Mars/Olympus',
    '00:00 +02:00',
    'midnight',
  ])('refuses %j', (text) => {
    expect(parseSessionStart(text)).toBeNull();
  });
});
