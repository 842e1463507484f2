import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The browser UI (src/ui) is built into dist/ and served by the game server.
export default defineConfig({
  root: 'src/ui',
  plugins: [react()],
  build: {
    outDir: '../../dist',
    emptyOutDir: true,
    target: 'es2022',
  },
});
