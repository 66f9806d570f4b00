// Per-view JavaScript budget: run after `vite build`. For each view in budget.json, sums the
// JavaScript the browser fetches to show it (index.html's script, the view's modules and all
// they import statically, each chunk once), raw and gzipped, from dist/.vite/manifest.json, and
// fails when a view grows past its budget or loads a chunk it must not (the map must never
// load the Cypher editor).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const web = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = process.env.BUDGET_DIST ?? join(web, "dist");
const manifest = JSON.parse(readFileSync(join(dist, ".vite", "manifest.json"), "utf8"));
const budget = JSON.parse(readFileSync(join(web, "budget.json"), "utf8"));

/** A module's manifest key: its source path, or, when Rollup merged it into a shared chunk
 * (the map view's chunk also holds helpers its drawings import), that dynamic entry's key. */
function keyOf(src) {
  if (manifest[src]) return src;
  const name = src.replace(/^.*\//, "").replace(/\.[tj]s$/, "");
  const k = Object.keys(manifest).find((x) => manifest[x].isDynamicEntry && manifest[x].name === name);
  if (!k) throw new Error(`budget.json names ${src}, which is not in the build's manifest`);
  return k;
}

function closure(keys) {
  const seen = new Set();
  const walk = (k) => {
    if (seen.has(k)) return;
    const m = manifest[k];
    if (!m) throw new Error(`budget.json names ${k}, which is not in the build's manifest`);
    seen.add(k);
    for (const i of m.imports ?? []) walk(i);
  };
  for (const k of keys) walk(keyOf(k));
  return [...seen].filter((k) => manifest[k].file.endsWith(".js"));
}

let failed = false;
const rows = [];
for (const [view, b] of Object.entries(budget.views)) {
  const chunks = closure(["index.html", ...b.modules]);
  let raw = 0;
  let gz = 0;
  for (const k of chunks) {
    const body = readFileSync(join(dist, manifest[k].file));
    raw += body.length;
    gz += gzipSync(body, { level: 9 }).length;
  }
  const names = chunks.map((k) => manifest[k].name ?? k);
  const problems = [];
  if (raw / 1000 > b.maxKB) problems.push(`${(raw / 1000).toFixed(1)} KB > budget ${b.maxKB} KB`);
  if (gz / 1000 > b.maxGzipKB) problems.push(`${(gz / 1000).toFixed(1)} KB gzipped > budget ${b.maxGzipKB} KB`);
  for (const f of budget.forbidden?.[view] ?? []) if (names.includes(f)) problems.push(`loads the ${f} chunk`);
  if (problems.length) failed = true;
  rows.push(`${problems.length ? "FAIL" : "ok  "} ${view.padEnd(14)} ${(raw / 1000).toFixed(1).padStart(7)} KB (budget ${b.maxKB})  ${(gz / 1000).toFixed(1).padStart(6)} KB gzip (budget ${b.maxGzipKB})  ${names.join(", ")}${problems.length ? `\n     ${problems.join("; ")}` : ""}`);
}
console.log("JavaScript per view (scripts/budget.mjs, budgets in budget.json):\n" + rows.join("\n"));
if (failed) {
  console.error("\nA view's JavaScript is over its budget: make it smaller, split a chunk, or raise the budget in web/budget.json with a reason.");
  process.exit(1);
}
