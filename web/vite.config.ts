import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The app lives in web/ and is built into out/web/, which the server serves (index.html with SPA fallback).
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/web', import.meta.url)),
    emptyOutDir: true,
    // Vega and Vega-Lite are one large lazy chunk, loaded only by screens that draw a chart.
    chunkSizeWarningLimit: 2000,
    // The plugin-timing report is noise in `npm run build` and the e2e fixture.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
