/**
 * SIGINT or SIGTERM, whichever comes first. Handled from the call on, so a long-running command
 * calls it before it says it is ready: a stop sent on reading that line is then a clean stop,
 * not the signal's default death.
 */
export const waitForSignal = (): Promise<NodeJS.Signals> =>
  new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
