import { isLoopback } from './isLoopback';

describe('isLoopback', () => {
  it.each([
    '127.0.0.1',
    '127.1.2.3',
    'localhost',
    'LOCALHOST',
    'panel.localhost',
    '::1',
    '[::1]',
    '::ffff:127.0.0.1',
  ])('%s is this machine only', (host) => expect(isLoopback(host)).toBe(true));
  it.each([
    '0.0.0.0',
    '::',
    '192.168.1.10',
    '10.0.0.1',
    'example.com',
    'localhost.example.com',
    '128.0.0.1',
  ])('%s is reachable from elsewhere', (host) => expect(isLoopback(host)).toBe(false));
});
