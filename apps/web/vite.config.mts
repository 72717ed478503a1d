import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { defineConfig, type Plugin, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

// Invoked from the repo root: `node node_modules/vite/bin/vite.js [build] --config apps/web/vite.config.mts`.
const webRoot = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(webRoot, '../..');

const apiPort = process.env.API_PORT || process.env.PORT || '3000';
const webPort = Number(process.env.WEB_PORT || 4200);

// The browser only ever talks to the web origin; /api is forwarded so the session cookie stays
// first-party. The Host header is kept (changeOrigin: false) so cookies and CSRF checks see the
// origin the user actually opened.
const proxy: Record<string, ProxyOptions> = {
  '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false, xfwd: true },
};

/**
 * libs/contracts and libs/domain are pure declarations (schemas, constants, functions; no I/O), but
 * they have no package.json to say `sideEffects: false`. Declaring it here lets the bundler drop the
 * modules the web does not use, so zod and the schemas load only with the admin screens that
 * validate forms, not on the sign-in page.
 */
function pureSharedLibs(): Plugin {
  const pure = [path.join(repoRoot, 'libs/contracts/src'), path.join(repoRoot, 'libs/domain/src')];
  return {
    name: 'rr-pure-shared-libs',
    transform(code, id) {
      if (pure.some((dir) => id.startsWith(dir))) return { code, map: null, moduleSideEffects: false };
      return null;
    },
  };
}

export default defineConfig({
  root: webRoot,
  publicDir: path.resolve(webRoot, 'public'),
  plugins: [react(), pureSharedLibs()],
  resolve: {
    alias: {
      // Browser-safe libs only: the web must never import a server lib.
      '@rr/contracts': path.resolve(repoRoot, 'libs/contracts/src/index.ts'),
      '@rr/domain': path.resolve(repoRoot, 'libs/domain/src/index.ts'),
    },
  },
  build: {
    outDir: path.resolve(repoRoot, 'dist/apps/web'),
    emptyOutDir: true,
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries change less often than the app: separate chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-number-format|react-remove-scroll|react-style-singleton|use-callback-ref|use-sidecar|tslib|clsx|get-nonce|detect-node-es|react-remove-scroll-bar)[\\/]/ },
            { name: 'vendor', test: /node_modules[\\/](react-router|@tanstack|i18next|react-i18next|cookie|set-cookie-parser|html-parse-stringify|void-elements)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { host: '127.0.0.1', port: webPort, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: webPort, strictPort: true, proxy },
});
