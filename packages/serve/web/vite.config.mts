import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/**
 * The page is served by `smart-orders serve` from `dist/web`, next to the server's own build.
 * The core is bundled from its sources, so the chart folds events with the engine's own
 * `evolve` and cannot disagree with it.
 */
export default defineConfig({
  root: here('.'),
  base: './',
  resolve: { alias: { '@smart-orders/core': here('../../core/src/index.ts') } },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    chunkSizeWarningLimit: 400,
  },
});
