// Bundles every src/pages/<name>.ts into <outdir>/<name>.js (+ <name>.css when it imports CSS) and
// src/styles/app.css (the shared header) into <outdir>/app.css. No CDN: lightweight-charts is bundled.
// usage: node build.mjs --outdir=../../../target/classes/public/assets
import * as esbuild from "esbuild";
import { readdirSync } from "node:fs";

const arg = process.argv.find((a) => a.startsWith("--outdir="));
const outdir = arg ? arg.slice("--outdir=".length) : "../../../target/classes/public/assets";
const entryPoints = { app: "src/styles/app.css" };
for (const f of readdirSync("src/pages").filter((f) => f.endsWith(".ts"))) {
  entryPoints[f.slice(0, -3)] = `src/pages/${f}`;
}

await esbuild.build({
  entryPoints,
  outdir,
  bundle: true,
  format: "esm",
  target: "es2022",
  minify: true,
  sourcemap: true,
  legalComments: "linked",
  logLevel: "warning",
});
