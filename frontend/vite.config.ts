/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';

/**
 * Puts the entry's stylesheet into index.html as a <style>: a <link rel="stylesheet"> blocks the first
 * paint until it arrives, one more round trip (over half a second on a slow mobile link) for well
 * under a kilobyte of CSS. The Content-Security-Policy allows inline styles (not scripts).
 */
function inlineEntryCss(): Plugin {
  return {
    name: 'anchang:inline-entry-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        return html.replace(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g, (tag, fileName: string) => {
          const asset = context.bundle?.[fileName];
          if (asset?.type !== 'asset') return tag;
          return `<style>${String(asset.source)}</style>`;
        });
      },
    },
  };
}

/**
 * Writes a gzip copy beside each script and stylesheet, which `anchang serve` sends to browsers that
 * accept it (nginx compresses on its own): over a slow mobile link the login page's scripts take a
 * third of the time. Compressed once at build time, not per request.
 */
function precompress(): Plugin {
  return {
    name: 'anchang:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir ?? 'dist';
      for (const fileName of Object.keys(bundle)) {
        if (!/\.(js|css)$/.test(fileName)) continue;
        const source = readFileSync(join(outDir, fileName));
        if (source.length < 1024) continue;
        writeFileSync(join(outDir, `${fileName}.gz`), gzipSync(source, { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), inlineEntryCss(), precompress()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    // Ant Design is split by the bundler along the lazy pages (src/app/router.tsx): each page's chunk
    // carries the components only it uses, shared ones go to common chunks, and the login page loads
    // only what it renders. React itself changes least often, so it stays a chunk of its own that
    // browsers keep across releases.
    rollupOptions: {
      output: {
        manualChunks(id: string) {
          if (/node_modules\/(react|react-dom|scheduler)\//.test(id)) return 'react';
          return undefined;
        },
      },
    },
  },
  test: {
    environment: 'jsdom',
    globals: false,
    setupFiles: ['./src/testing/setup-tests.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // Form tests render Ant Design and type like a user: seconds each on a busy 2-core machine.
    testTimeout: 30_000,
    css: false,
  },
});
