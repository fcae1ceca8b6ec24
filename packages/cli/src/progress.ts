/** Progress of a long replay on stderr, only when stderr is a terminal (CLI.md). */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export const createProgress = (stderr: NodeJS.WriteStream | null, label: string): Progress => {
  if (stderr === null || !stderr.isTTY) return { update: () => undefined, done: () => undefined };
  let shown = -1;
  return {
    update(done, total) {
      const pct = Math.floor((done * 100) / Math.max(total, 1));
      if (pct === shown) return;
      shown = pct;
      stderr.write(`\r${label} ${pct}% (${done}/${total} ticks)`);
    },
    done() {
      if (shown >= 0) stderr.write('\n');
    },
  };
};
