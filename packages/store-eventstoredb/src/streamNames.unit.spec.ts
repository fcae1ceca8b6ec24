import { streamNamesFor } from './streamNames';

describe('stream names on the server', () => {
  const names = streamNamesFor('run-7-');

  it('prefixes port streams and checkpoints', () => {
    expect(names.esdbStream('smart-order-o-1')).toBe('run-7-smart-order-o-1');
    expect(names.checkpointStream('replay')).toBe('run-7-checkpoint-replay');
    expect(names.prefixes).toEqual(['run-7-smart-order-', 'run-7-account-', 'run-7-lease-']);
  });

  it('reads back only the port streams of its own prefix', () => {
    expect(names.portStream('run-7-smart-order-o-1')).toBe('smart-order-o-1');
    expect(names.portStream('run-7-account-default')).toBe('account-default');
    expect(names.portStream('run-7-checkpoint-replay')).toBeNull();
    expect(names.portStream('run-7-snapshot-smart-order-o-1')).toBeNull();
    expect(names.portStream('run-77-smart-order-o-1')).toBeNull();
    expect(names.portStream('smart-order-o-1')).toBeNull();
    expect(names.portStream('$$run-7-checkpoint-replay')).toBeNull();
  });

  it('has no prefix by default', () => {
    const plain = streamNamesFor();
    expect(plain.esdbStream('account-default')).toBe('account-default');
    expect(plain.portStream('smart-order-o-1')).toBe('smart-order-o-1');
    expect(plain.portStream('$stats-127.0.0.1:2113')).toBeNull();
  });

  it('refuses a stream outside its categories, saying which are allowed', () => {
    expect(() => names.ensureSupported('smart-order-o-1')).not.toThrow();
    expect(() => names.ensureSupported('orders-o-1')).toThrow(
      expect.objectContaining({
        code: 'STREAM_NOT_SUPPORTED',
        message: expect.stringContaining('"smart-order-" or "account-" or "lease-"'),
      }),
    );
    expect(() => streamNamesFor('', ['venue-']).ensureSupported('venue-1')).not.toThrow();
  });
});
