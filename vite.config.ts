// The app: `npm start` serves index.html (Lit elements from cells/) on 127.0.0.1; `npm run build` writes a static
// site to dist/. `notebooks/` is the public folder, so example notebooks and the models they open ship with the app
// at /models/…, /….ipynb.
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: 'notebooks',
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: { target: 'es2022', outDir: 'dist' },
});
