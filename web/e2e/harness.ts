// The browser tests' fixtures: the real binary (bin/cryograph up) against the Neo4j that
// `cryograph neo4j exec` started (NEO4J_URI, NEO4J_PASSWORD), an analyst token made with
// `cryograph token create`, and Debian's Chromium driven by playwright-core.

import { spawn, execFile, type ChildProcess } from "node:child_process";
import assert from "node:assert/strict";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const repoRoot = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const outDir = join(repoRoot, "test-output");
export const shotsDir = join(outDir, "screenshots");

/** The launch flags this machine needs (see docs/web-ui.md): no GPU, no sandbox as root, no
 * background traffic to Google's hosts, which the closed network refuses. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once("error", rej);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
  });
}

async function waitReady(base: string, proc: ChildProcess | null, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (proc && proc.exitCode !== null) throw new Error(`cryograph up exited with ${proc.exitCode}; see test-output/e2e-server.log`);
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.status === 200) return;
      last = `${r.status} ${await r.text()}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${base}/readyz did not answer 200 within ${timeoutMs / 1000}s: ${last}`);
}

export interface Env {
  base: string;
  token: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions seen in the page, for the tests to check. */
  problems: string[];
  close(): Promise<void>;
}

/**
 * Starts the binary (unless E2E_BASE_URL names a running server, then E2E_TOKEN is its
 * analyst token) and a browser with a fresh profile.
 */
export async function start(): Promise<Env> {
  mkdirSync(shotsDir, { recursive: true });
  let base = process.env.E2E_BASE_URL ?? "";
  let token = process.env.E2E_TOKEN ?? "";
  let server: ChildProcess | null = null;
  const bin = process.env.CRYOGRAPH_BIN ?? join(repoRoot, "bin", "cryograph");
  if (!base) {
    if (!process.env.NEO4J_URI) {
      throw new Error("NEO4J_URI is not set: run the browser tests inside `./bin/cryograph neo4j exec -- ...` (make e2e does)");
    }
    if (!existsSync(bin)) throw new Error(`${bin} is missing: run make build first`);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const log = createWriteStream(join(outDir, "e2e-server.log"));
    // Rate limits off: one browser sends bursts that a real user's clicks would not.
    const env = { ...process.env, CRYOGRAPH_RATE_LIMIT: "0", CRYOGRAPH_CYPHER_RATE_LIMIT: "0", CRYOGRAPH_LOG_FORMAT: "text" };
    server = spawn(bin, ["up", "--addr", `127.0.0.1:${port}`], { cwd: repoRoot, env, stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.pipe(log);
    server.stderr!.pipe(log);
    await waitReady(base, server, 180_000);
    const { stdout } = await promisify(execFile)(bin, ["token", "create", "--role", "analyst", "--name", `e2e-web-${port}`], { cwd: repoRoot, env });
    token = stdout.trim();
  } else {
    await waitReady(base, null, 30_000);
  }
  if (!token) throw new Error("no analyst token (set E2E_TOKEN with E2E_BASE_URL)");

  const profile = mkdtempSync(join(tmpdir(), "cryograph-e2e-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: chromiumArgs,
    viewport: { width: 1400, height: 1000 },
    acceptDownloads: true,
    locale: "en-GB",
  });
  context.setDefaultTimeout(20_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() !== "error") return;
    const t = m.text();
    // Answers the tests provoke on purpose (a syntax error, a bad token) are logged by Chromium.
    if (/Failed to load resource: the server responded with a status of (400|401)/.test(t)) return;
    problems.push(`console error: ${t}`);
  });
  return {
    base,
    token,
    context,
    page,
    problems,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
      if (server && server.exitCode === null) {
        server.kill("SIGINT");
        await new Promise((r) => {
          const t = setTimeout(() => {
            server!.kill("SIGKILL");
            r(null);
          }, 15_000);
          server!.once("exit", () => {
            clearTimeout(t);
            r(null);
          });
        });
      }
    },
  };
}

export async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage });
}

// Helpers every browser test file uses, taking the page (or env) they act on.

// axe-core from npm, evaluated in the page through the DevTools protocol: page.addScriptTag
// would add an inline script, which the page's Content-Security-Policy rightly refuses.
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** Serious and critical axe-core violations on the page as it is (or inside the elements that
 * match selector), as readable lines. */
export async function axeViolations(page: Page, selector?: string): Promise<string[]> {
  if (!(await page.evaluate("typeof window.axe !== 'undefined'"))) await page.evaluate(axeSource);
  const context = selector ? JSON.stringify(selector) : "document";
  return page.evaluate(`axe.run(${context}, { resultTypes: ["violations"] }).then((r) => r.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => v.impact + " " + v.id + ": " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")))`) as Promise<string[]>;
}

/** A test body that saves a screenshot of the page as it was when it fails. */
export function step(page: () => Page, name: string, body: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await body();
    } catch (err) {
      await shot(page(), `failed-${name}`, true).catch(() => {});
      throw err;
    }
  };
}

/** No page errors, console errors or CSP violations since the last check. */
export function assertClean(env: Env): void {
  const seen = env.problems.splice(0);
  assert.deepEqual(seen, [], `the page reported problems:\n${seen.join("\n")}`);
}

/** At 390x844 and at 1440x900: no sideways scrolling and no serious axe violation; a
 * screenshot of each (layout-NAME-WIDTH). */
export async function checkLayout(env: Env, name: string, url: string, ready: () => Promise<unknown>): Promise<void> {
  const page = env.page;
  for (const [w, h] of [[390, 844], [1440, 900]] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(`${env.base}${url}`);
    await ready();
    await page.waitForFunction((W) => document.documentElement.scrollWidth <= W, w, { timeout: 10_000 }).catch(() => {});
    const sw = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(sw <= w, `${name} at ${w}x${h}: the page is ${sw} px wide`);
    assert.deepEqual(await axeViolations(page), [], `${name} at ${w}x${h}: axe-core violations`);
    await shot(page, `layout-${name}-${w}`);
  }
  await page.setViewportSize({ width: 1400, height: 1000 });
}

/** The file a click downloads. */
export async function download(page: Page, action: () => Promise<unknown>): Promise<{ name: string; body: Buffer }> {
  const [d] = await Promise.all([page.waitForEvent("download"), action()]);
  return { name: d.suggestedFilename(), body: readFileSync((await d.path())!) };
}

/** A new API token of role (editor, say), made with `cryograph token create` against the
 * test Neo4j. */
export async function createToken(role: string): Promise<string> {
  const bin = process.env.CRYOGRAPH_BIN ?? join(repoRoot, "bin", "cryograph");
  const { stdout } = await promisify(execFile)(bin, ["token", "create", "--role", role, "--name", `e2e-${role}-${Date.now()}`], { cwd: repoRoot, env: process.env });
  return stdout.trim();
}
