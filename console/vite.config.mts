import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The console builds to static files under dist/console that the Gongkai
 * server serves at /console/ (nothing from a CDN). Two pages: the console and
 * the bundled GraphiQL, so the console's first screen never loads the editor.
 */
const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: "/console/",
  define: { "globalThis.__DEV__": "false" },
  oxc: { jsx: { runtime: "automatic" } },
  build: {
    outDir: resolve(here, "../dist/console"),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { index: resolve(here, "index.html"), graphiql: resolve(here, "graphiql.html") },
      // antd marks its modules "use client" (for React Server Components); a static build has no use for it.
      onwarn(warning, warn) {
        if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
      },
    },
  },
});
