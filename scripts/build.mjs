// Bundles the CLI's own TypeScript into out/vindex.mjs (packages stay external), so `vindex` starts
// without transpiling hundreds of modules through a loader hook. Run by `npm install` (prepare).
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: 'out',
  entryNames: 'vindex',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
