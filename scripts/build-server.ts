/**
 * Compiles the server process (scripts/serve.ts and the few modules of src/ it imports) to one
 * JavaScript file in the build folder, `<distDir>/serve.mjs`, which `npm run start` runs on plain
 * Node. Running the TypeScript through tsx in production cost a loader thread of its own (~30 MB
 * of resident memory) for one file. Packages stay in node_modules; `@/` paths resolve through
 * tsconfig.json. Part of `npm run build`, after `next build` (which empties the folder).
 */
import path from "node:path";
import { build } from "esbuild";

const distDir = process.env.NEXT_DIST_DIR || ".next";
const outfile = path.join(distDir, "serve.mjs");

await build({
  entryPoints: ["scripts/serve.ts"],
  outfile,
  bundle: true,
  packages: "external",
  platform: "node",
  format: "esm",
  target: "node20",
  logLevel: "warning",
});
console.log(`Serveur compilé : ${outfile}`);
