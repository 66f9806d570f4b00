/// <reference types="vitest/config" />
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, type Plugin } from "vite";

// dist/ is emptied by every build, but dist/.gitignore and dist/README.txt are committed so
// that web/embed.go's pattern matches on a fresh clone: put them back, byte for byte.
function keepCommittedPlaceholders(): Plugin {
  const keep = [".gitignore", "README.txt"];
  const saved = new Map<string, Buffer>();
  return {
    name: "keep-committed-placeholders",
    apply: "build",
    buildStart() {
      for (const f of keep) {
        try {
          saved.set(f, readFileSync(resolve(__dirname, "dist", f)));
        } catch {
          /* not there yet */
        }
      }
    },
    closeBundle() {
      for (const [f, body] of saved) writeFileSync(resolve(__dirname, "dist", f), body);
    },
  };
}

// The API the dev server talks to (make run serves on :8080).
const api = process.env.CRYOGRAPH_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "/",
  plugins: [keepCommittedPlaceholders()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    sourcemap: false,
    // scripts/budget.mjs reads it to sum each view's JavaScript.
    manifest: true,
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: {
        // Big libraries in chunks of their own, loaded only by the views that need them.
        manualChunks(id) {
          // Rollup's CommonJS helpers (getDefaultExportFromCjs, ...) go to a tiny chunk of their
          // own: left alone they land in the first chunk that needs them (the Cypher chunk), and
          // then sigma's chunk imports the whole Cypher editor just for them (issue 24, item 7).
          if (id.includes("commonjsHelpers")) return "cjs-helpers";
          if (id.includes("node_modules/@neo4j-cypher") || id.includes("node_modules/antlr4")) return "cypher";
          if (id.includes("node_modules/@codemirror") || id.includes("node_modules/@lezer")) return "codemirror";
          if (id.includes("node_modules/cytoscape")) return "cytoscape";
          if (id.includes("node_modules/sigma") || id.includes("node_modules/graphology")) return "sigma";
          if (id.includes("node_modules/world-atlas") || id.includes("node_modules/d3-") || id.includes("node_modules/topojson")) return "geo";
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { "/api": api, "/healthz": api, "/readyz": api },
  },
  test: {
    include: ["test/**/*.test.ts"],
    environment: "node",
  },
});
