import { createWorkQueue } from './workQueue';

const later = <T>(value: T): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), 5));

describe('the work queue', () => {
  it('starts a work at once when nothing is ahead of it, and answers with a promise', async () => {
    const queue = createWorkQueue();
    const ran: string[] = [];
    const answer = queue.run(() => {
      ran.push('quiet tick');
      return 1;
    });
    expect(ran).toEqual(['quiet tick']);
    await expect(answer).resolves.toBe(1);
  });

  it('runs works one at a time in arrival order, an asynchronous one holding those behind it', async () => {
    const queue = createWorkQueue();
    const log: string[] = [];
    const slow = queue.run(async () => {
      log.push('slow starts');
      await later(undefined);
      log.push('slow ends');
      return 'slow';
    });
    const quick = queue.run(() => {
      log.push('quick');
      return 'quick';
    });
    expect(log).toEqual(['slow starts']);
    await expect(Promise.all([slow, quick])).resolves.toEqual(['slow', 'quick']);
    expect(log).toEqual(['slow starts', 'slow ends', 'quick']);
  });

  it('queues a work started from inside a running one behind it', async () => {
    const queue = createWorkQueue();
    const log: string[] = [];
    let inner: Promise<string> | undefined;
    const outer = queue.run(() => {
      inner = queue.run(() => {
        log.push('inner');
        return 'inner';
      });
      log.push('outer ends');
      return 'outer';
    });
    // Arrives while the inner one still waits its turn: it goes behind it.
    const after = queue.run(() => {
      log.push('after');
      return 'after';
    });
    await expect(Promise.all([outer, inner, after])).resolves.toEqual(['outer', 'inner', 'after']);
    expect(log).toEqual(['outer ends', 'inner', 'after']);
  });

  it("gives a work's failure to its caller alone, and runs the next", async () => {
    const queue = createWorkQueue();
    const thrown = queue.run(() => {
      throw new Error('decided badly');
    });
    await expect(thrown).rejects.toThrow('decided badly');
    const rejected = queue.run(() => Promise.reject(new Error('store down')));
    const next = queue.run(() => 'next');
    await expect(rejected).rejects.toThrow('store down');
    await expect(next).resolves.toBe('next');
  });

  it('drains once everything queued so far has finished, failed ones too', async () => {
    const queue = createWorkQueue();
    const log: string[] = [];
    queue
      .run(async () => {
        await later(undefined);
        throw new Error('failed');
      })
      .catch(() => log.push('failed'));
    void queue.run(async () => {
      await later(undefined);
      log.push('second');
    });
    await queue.drain();
    expect(log).toContain('second');
    expect(log).toContain('failed');
  });
});
