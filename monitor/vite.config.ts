import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` serves the monitor with hot reload and passes the API through to a running stack
// (JOBSTREAM_PORT, 8000 by default), so the app sees one origin as it does behind the entry point.
const api = `http://127.0.0.1:${process.env.JOBSTREAM_PORT ?? '8000'}`;

export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: 'dist', chunkSizeWarningLimit: 2000 },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/.well-known': { target: api },
    },
  },
});
