import type { IncomingMessage } from 'node:http';
import { createRequestGuard } from './requestGuard';

const from = (host: string): IncomingMessage => ({ headers: { host } }) as IncomingMessage;

describe('the Host a server answers to (DNS rebinding), in every mode', () => {
  it('bound to every interface: loopback, any address literal and the allowed names; no other name', () => {
    const guard = createRequestGuard({
      host: '0.0.0.0',
      allowedHosts: ['panel.example.com'],
      token: 'correct-horse-battery-staple',
    });
    for (const ok of [
      '127.0.0.1:8080',
      'localhost:8080',
      '[::1]:8080',
      '192.0.2.10:8080',
      'PANEL.example.com',
    ])
      expect(guard.checkSource(from(ok))).toBeNull();
    const refused = guard.checkSource(from('evil.example:8080'));
    expect(refused).toMatchObject({ status: 403, error: { code: 'FORBIDDEN_HOST' } });
    expect(refused?.error.message).toBe(
      "this server answers only to localhost, 127.0.0.1, [::1], this machine's addresses, panel.example.com; got Host evil.example:8080 (serve --allowed-host NAME adds a name)",
    );
  });

  it('bound to one address: that address, loopback and the allowed names', () => {
    const guard = createRequestGuard({ host: '192.0.2.10', token: 'correct-horse-battery-staple' });
    expect(guard.checkSource(from('192.0.2.10:8080'))).toBeNull();
    expect(guard.checkSource(from('localhost:8080'))).toBeNull();
    expect(guard.checkSource(from('192.0.2.11:8080'))?.status).toBe(403);
    expect(guard.checkSource(from('rebound.example:8080'))?.status).toBe(403);
  });

  it('on loopback: loopback names only, unless a name is allowed', () => {
    expect(
      createRequestGuard({ host: '127.0.0.1' }).checkSource(from('evil.example'))?.status,
    ).toBe(403);
    expect(createRequestGuard({ host: '127.0.0.1' }).checkSource(from('192.0.2.10'))?.status).toBe(
      403,
    );
    expect(
      createRequestGuard({ host: '127.0.0.1', allowedHosts: ['dev.local'] }).checkSource(
        from('dev.local:8080'),
      ),
    ).toBeNull();
  });
});
