import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the renderer only; the main process is compiled by tsc. */
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true },
});
