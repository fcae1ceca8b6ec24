import { ANY, NO_STREAM } from '@eventstore/db-client';
import { expectedRevisionOf, versionOfCurrentRevision, versionOfRevision } from './revisions';

describe('port versions and EventStoreDB revisions', () => {
  it('version n is revision n − 1', () => {
    expect(versionOfRevision(0n)).toBe(1);
    expect(versionOfRevision(41n)).toBe(42);
  });

  it('maps each expected version to the server expectation', () => {
    expect(expectedRevisionOf('any')).toBe(ANY);
    expect(expectedRevisionOf('no_stream')).toBe(NO_STREAM);
    expect(expectedRevisionOf(0)).toBe(NO_STREAM);
    expect(expectedRevisionOf(1)).toBe(0n);
    expect(expectedRevisionOf(7)).toBe(6n);
  });

  it("reads the server's current revision, no_stream and -1 included, without BigInt('no_stream')", () => {
    expect(versionOfCurrentRevision(NO_STREAM)).toBe(0);
    expect(versionOfCurrentRevision(-1n)).toBe(0);
    expect(versionOfCurrentRevision(0n)).toBe(1);
    expect(versionOfCurrentRevision(9n)).toBe(10);
  });
});
