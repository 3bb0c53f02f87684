// The web application (web/ → dist/web), served by the API server (src/http/plugins/web.ts).
// docs/decisions/0006-web.md. The build prints the gzip size of the first load's JavaScript and
// fails over the budget of issue 5 (200 KB), and writes .gz twins that the server sends as they are.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/** Issue 5: the student portal's first load under 200 KB of compressed JavaScript. */
export const FIRST_LOAD_BUDGET = 200 * 1024;

interface ChunkInfo {
  code: string;
  imports: string[];
  isEntry: boolean;
}

/** Entry chunks and what they import statically: what a browser loads before the first page shows. */
function firstLoad(chunks: Map<string, ChunkInfo>): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const imported of chunks.get(name)?.imports ?? []) visit(imported);
  };
  for (const [name, chunk] of chunks) if (chunk.isEntry) visit(name);
  return [...seen].filter((name) => chunks.has(name));
}

function firstLoadBudget(): Plugin {
  return {
    name: "mobilitas-first-load-budget",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = new Map<string, ChunkInfo>();
      for (const [name, output] of Object.entries(bundle)) {
        if (output.type === "chunk") {
          chunks.set(name, { code: output.code, imports: output.imports, isEntry: output.isEntry });
        }
      }
      const names = firstLoad(chunks);
      let total = 0;
      for (const name of names) total += gzipSync(chunks.get(name)?.code ?? "", { level: 9 }).length;
      const kb = (total / 1024).toFixed(1);
      const line = `first-load JavaScript (gzip): ${kb} KB in ${names.length} file(s), budget ${FIRST_LOAD_BUDGET / 1024} KB`;
      if (total > FIRST_LOAD_BUDGET) this.error(`${line}: over budget`);
      // Printed whatever the log level, so CI logs always carry the figure.
      process.stdout.write(`\n${line}\n`);
    },
    // Pre-compressed twins of the text files, which @fastify/static (preCompressed) sends as they are.
    writeBundle(options, bundle) {
      const dir = options.dir ?? "dist/web";
      for (const [name, output] of Object.entries(bundle)) {
        if (!/\.(js|css|html|svg|json)$/.test(name)) continue;
        const source = output.type === "chunk" ? output.code : output.source;
        const gz = gzipSync(typeof source === "string" ? source : Buffer.from(source), { level: 9 });
        writeFileSync(join(dir, `${name}.gz`), gz);
      }
    },
  };
}

export default defineConfig({
  root: "web",
  base: "/",
  publicDir: false,
  plugins: [react(), firstLoadBudget()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    target: "es2022",
    // No inline <script>: the Content-Security-Policy allows scripts from this origin only.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `vite` for development: the API of a running server (npm run demo) on the same origin.
    proxy: { "/api": "http://127.0.0.1:3000" },
  },
});
