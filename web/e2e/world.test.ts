// The world map's groups and zoom, the console's graph that grows when a node is clicked, a
// profile's "Sources of" block and the ego network's fit after Expand (issue 24, items 4, 5 and
// 8), at 1440x900 and 390x844, against the real binary and the demo data.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { shot, start, type Env, step as stepIn, assertClean as assertCleanIn, axeViolations as axeIn } from "./harness.ts";

let env: Env;
let page: Page;

before(async () => {
  env = await start();
  page = env.page;
}, { timeout: 240_000 });

after(async () => {
  await env?.close();
});

const step = (name: string, body: () => Promise<void>) => stepIn(() => page, "world-" + name, body);
const assertClean = () => assertCleanIn(env);
const axeViolations = (selector?: string) => axeIn(page, selector);

const sizes = [[1440, 900], [390, 844]] as const;

async function fitsWidth(w: number, what: string): Promise<void> {
  const sw = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(sw <= w, `${what} at ${w} px: the page is ${sw} px wide`);
}

// Page-side checks are strings: tsx would wrap functions' inner helpers in one the page lacks.

/** Pairs of visible map labels whose boxes intersect (by more than half a pixel). */
const labelCollisions = `(() => {
  const svg = document.querySelector(".geo-svg").getBoundingClientRect();
  const boxes = [...document.querySelectorAll(".geo-svg .geo-label")].map((t) => ({ t: t.textContent, r: t.getBoundingClientRect() }))
    .filter((b) => b.r.width > 0 && b.r.right > svg.left && b.r.left < svg.right && b.r.bottom > svg.top && b.r.top < svg.bottom);
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].r, b = boxes[j].r;
    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) out.push(boxes[i].t + " / " + boxes[j].t);
  }
  return { count: boxes.length, out };
})()`;

/** Markers inside the map whose target is smaller than 24 px. */
const smallTargets = `(() => {
  const svg = document.querySelector(".geo-svg").getBoundingClientRect();
  return [...document.querySelectorAll(".geo-svg .geo-place")].map((g) => ({ id: g.dataset.id, r: g.getBoundingClientRect() }))
    .filter((m) => m.r.left >= svg.left && m.r.right <= svg.right && m.r.top >= svg.top && m.r.bottom <= svg.bottom)
    .filter((m) => m.r.width < 23.5 || m.r.height < 23.5).map((m) => m.id + " " + m.r.width.toFixed(1) + "x" + m.r.height.toFixed(1));
})()`;

/** The map drawn at the stage's width (the drawing follows it in screen pixels). */
async function mapSettled(): Promise<void> {
  await page.locator(".geo-svg .geo-place").first().waitFor();
  await page.waitForFunction(`(() => {
    const svg = document.querySelector(".geo-svg");
    return svg && Math.abs(svg.viewBox.baseVal.width - svg.getBoundingClientRect().width) < 3;
  })()`);
}

async function noLabelCollisions(where: string): Promise<number> {
  const { count, out } = (await page.evaluate(labelCollisions)) as { count: number; out: string[] };
  assert.deepEqual(out, [], `${where}: labels overlap`);
  assert.deepEqual(await page.evaluate(smallTargets), [], `${where}: touch targets under 24 px`);
  return count;
}

describe("world map, console graph, sources, ego fit", { timeout: 600_000 }, () => {
  it("world map: no overlapping labels; a group zooms into its institutions; Back to world", step("geo", async () => {
    for (const [w, h] of sizes) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${env.base}/map?view=geo`);
      await mapSettled();
      const labels = await noLabelCollisions(`world at ${w}`);
      assert.ok(labels >= 1, "some labels are shown");
      await fitsWidth(w, "world map");
      assert.deepEqual(await axeViolations(), [], `world map at ${w}: axe-core violations`);
      await page.locator(".geo-stage").scrollIntoViewIfNeeded();
      await shot(page, `world-map-${w}`);

      // Eastern China: the demo's Shanghai, Hefei and Jinan institutions are one group at world zoom.
      const clusters = page.locator(".geo-svg .geo-cluster");
      const group = clusters.first();
      assert.ok((await clusters.count()) >= 1, "close institutions are grouped at world zoom");
      const usst = page.locator('.geo-svg .geo-cluster[data-ids~="org:usst"]');
      const target = (await usst.count()) ? usst : group;
      const ids = ((await target.getAttribute("data-ids")) ?? "").split(" ");
      const name = (await target.getAttribute("aria-label")) ?? "";
      assert.ok(ids.length >= 2, `a group has several institutions: ${ids.join(", ")}`);
      assert.match(name, new RegExp(`^${ids.length} institutions`), "the group's accessible name counts them");
      assert.match(name, /Zoom in$/);
      assert.equal(await target.locator("text").textContent(), String(ids.length), "the group shows a count badge");

      await target.click();
      const back = page.getByRole("button", { name: "Back to world" });
      await back.waitFor();
      // Every institution of the group now has a marker of its own.
      for (const id of ids) await page.locator(`.geo-svg .geo-place[data-count="1"][data-id="${id}"]`).waitFor();
      await noLabelCollisions(`zoomed at ${w}`);
      await fitsWidth(w, "zoomed world map");
      assert.deepEqual(await axeViolations(), [], `zoomed world map at ${w}: axe-core violations`);
      await page.locator(".geo-stage").scrollIntoViewIfNeeded();
      await shot(page, `world-map-zoomed-${w}`);

      await back.click();
      await back.waitFor({ state: "hidden" });
      await page.locator(`.geo-svg .geo-cluster[data-ids="${ids.join(" ")}"]`).waitFor();
      await noLabelCollisions(`back at ${w}`);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    assertClean();
  }));

  it("world map: by keyboard, Enter on a group zooms in and Back to world is reachable", step("geo-keys", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${env.base}/map?view=geo`);
    await mapSettled();
    const group = page.locator(".geo-svg .geo-cluster").first();
    const ids = ((await group.getAttribute("data-ids")) ?? "").split(" ");
    await group.focus();
    await page.keyboard.press("Enter");
    const back = page.getByRole("button", { name: "Back to world" });
    await back.waitFor();
    // The keyboard stays on the map, on one of the group's institutions.
    const focused = (await page.evaluate(`document.activeElement && document.activeElement.dataset && document.activeElement.dataset.id`)) as string;
    assert.ok(ids.includes(focused), `focus went to ${focused}, not one of ${ids.join(", ")}`);
    await back.focus();
    await page.keyboard.press("Enter");
    await back.waitFor({ state: "hidden" });
    assert.equal(await page.evaluate(`!!document.activeElement && !!document.activeElement.closest(".geo-svg")`), true, "focus returns to the map");
    assert.match(await page.locator(".geo-stage .sr-only").innerText(), /whole world/);
    await page.setViewportSize({ width: 1400, height: 1000 });
    assertClean();
  }));

  it("world map: clicking a country with institutions zooms into it", step("geo-country", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${env.base}/map?view=geo`);
    await mapSettled();
    const before = await page.locator(".geo-svg .geo-place").count();
    await page.locator('.geo-svg path.geo-country-active[data-country="China"]').dispatchEvent("click");
    await page.getByRole("button", { name: "Back to world" }).waitFor();
    assert.match(await page.locator(".geo-stage .sr-only").innerText(), /^Zoomed into China/);
    const after = await page.locator(".geo-svg .geo-place").count();
    assert.ok(after > before, `China's institutions separate: ${before} markers before, ${after} after`);
    await noLabelCollisions("zoomed into China");
    await page.setViewportSize({ width: 1400, height: 1000 });
    assertClean();
  }));

  it("console: clicking a node of a graph result adds its neighbours, Enter does too", step("console-expand", async () => {
    const query = "MATCH (p:Person {id: 'person:xu_yi'})-[r:AFFILIATED_WITH]->(o:Organization) RETURN p, r, o LIMIT 1";
    for (const [w, h] of sizes) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${env.base}/console`);
      await page.evaluate(`sessionStorage.setItem("cryograph.token", ${JSON.stringify(env.token)})`);
      await page.goto(`${env.base}/console?query=${encodeURIComponent(query)}&tab=graph&run=1`);
      await page.locator(".saved-item").first().waitFor();
      if (!(await page.locator(".graph-canvas-result").count())) await page.getByRole("button", { name: /^Run/ }).click();
      const canvas = page.locator('.graph-canvas-result[data-layout="done"]');
      await canvas.waitFor();
      const before = Number(await canvas.getAttribute("data-nodes"));
      assert.equal(before, 2, "the query returns Xu Yi and one organization");

      // Click the organization where Cytoscape drew it.
      await canvas.scrollIntoViewIfNeeded();
      await page.waitForTimeout(300); // the page settles after scrolling
      const at = (await page.evaluate(`(() => {
        const c = document.querySelector(".graph-canvas-result");
        const cy = c._cyreg.cy;
        const n = cy.nodes().filter((x) => x.data("label") !== "Xu Yi")[0];
        const p = n.renderedPosition();
        const b = c.getBoundingClientRect();
        return { x: b.left + p.x, y: b.top + p.y, id: n.id() };
      })()`)) as { x: number; y: number; id: string };
      await page.mouse.click(at.x, at.y);
      await page.locator(".graph-status", { hasText: /neighbours? of .* added/ }).waitFor();
      await page.waitForFunction((b) => Number(document.querySelector(".graph-canvas-result")?.getAttribute("data-nodes")) > b
        && document.querySelector(".graph-canvas-result")?.getAttribute("data-layout") === "done", before);
      const grown = Number(await page.locator(".graph-canvas-result").getAttribute("data-nodes"));
      assert.ok(grown > before, `the graph grew from ${before} to ${grown} nodes`);
      const mains = (await page.evaluate(`document.querySelector(".graph-canvas-result")._cyreg.cy.nodes().map((n) => n.data("main"))`)) as string[];
      assert.ok(!mains.includes("NameKey"), `the graph's bookkeeping is not shown: ${mains.join(", ")}`);
      // Clicking it again adds nothing twice.
      await page.evaluate(`document.querySelector(".graph-canvas-result")._cyreg.cy.getElementById(${JSON.stringify(at.id)}).emit("tap")`);
      assert.equal(Number(await page.locator(".graph-canvas-result").getAttribute("data-nodes")), grown);
      // Every node is in the canvas after the new layout and fit.
      await assertInside(".graph-canvas-result", `console graph at ${w}`);

      // By keyboard: choose Xu Yi with the arrows, Enter adds the rest of his neighbours.
      await page.locator(".graph-canvas-result").focus();
      for (let i = 0; i < grown + 1; i++) {
        await page.keyboard.press("ArrowRight");
        if (/^Xu Yi \(/.test(await page.locator(".graph-status").innerText())) break;
      }
      assert.match(await page.locator(".graph-status").innerText(), /^Xu Yi \(\d+ of \d+\): Enter adds its neighbours/);
      await page.keyboard.press("Enter");
      await page.locator(".graph-status", { hasText: /of Xu Yi (added|\.)|No more neighbours of Xu Yi/ }).waitFor();
      await page.waitForFunction(() => document.querySelector(".graph-canvas-result")?.getAttribute("data-layout") === "done");
      assert.ok(Number(await page.locator(".graph-canvas-result").getAttribute("data-nodes")) >= grown);
      await fitsWidth(w, "console with a graph");
      assert.deepEqual(await axeViolations(), [], `console graph at ${w}: axe-core violations`);
      await shot(page, `console-graph-expanded-${w}`);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    assertClean();
  }));

  it("profile: the 'Sources of' block lists each source once, folded until opened", step("sources", async () => {
    for (const [w, h] of sizes) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${env.base}/organizations/org:usst`);
      const block = page.locator("details.prov");
      await block.waitFor();
      assert.equal(await block.getAttribute("open"), null, "folded by default");
      const summary = await block.locator("summary").innerText();
      const n = Number(/^(\d+) sources?/.exec(summary)?.[1]);
      assert.ok(n >= 2, `the summary counts the sources: ${summary}`);
      assert.equal(await block.locator(".prov-list").isVisible(), false);
      await block.locator("summary").click();
      await block.locator(".prov-list").waitFor();
      const items = block.locator(".prov-list li");
      assert.equal(await items.count(), n, "one line per source");
      const texts = await items.allInnerTexts();
      for (const t of texts) assert.match(t, /supports: /);
      assert.ok(texts.some((t) => /alias “/.test(t)), "an alias's source says so");
      const hrefs = await block.locator(".prov-list a.ext").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      assert.equal(new Set(hrefs).size, hrefs.length, "no source listed twice");
      await fitsWidth(w, "profile with sources open");
      assert.deepEqual(await axeViolations(), [], `profile at ${w}: axe-core violations`);
      await block.scrollIntoViewIfNeeded();
      await shot(page, `profile-sources-${w}`);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    assertClean();
  }));

  it("profile: after Expand, every node of the ego network lies inside the canvas", step("ego-fit", async () => {
    for (const [w, h] of sizes) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${env.base}/people/person:xu_yi`);
      await page.locator(".graph-canvas canvas").first().waitFor();
      // Select USST where it is drawn, then press Expand.
      await page.locator(".card-graph .graph-canvas").scrollIntoViewIfNeeded();
      await page.waitForTimeout(300); // the page settles after scrolling
      const at = (await page.evaluate(`(() => {
        const c = document.querySelector(".card-graph .graph-canvas");
        const cy = c._cyreg.cy;
        const n = cy.getElementById("org:usst");
        const p = n.renderedPosition();
        const b = c.getBoundingClientRect();
        return { x: b.left + p.x, y: b.top + p.y };
      })()`)) as { x: number; y: number };
      await page.mouse.click(at.x, at.y);
      await page.getByRole("button", { name: "Expand neighbours" }).click();
      await page.locator(".card-graph .graph-info", { hasText: /Added \d+ neighbours?|No new neighbours/ }).waitFor();
      await page.waitForFunction(() => document.querySelector(".card-graph .graph-canvas")?.getAttribute("data-layout") === "done");
      const count = await assertInside(".card-graph .graph-canvas", `ego network at ${w}`);
      assert.ok(count > 3, `the network has ${count} nodes after Expand`);
      await fitsWidth(w, "profile after Expand");
      await shot(page, `ego-expanded-${w}`);
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    assertClean();
  }));
});

/** Every node of the Cytoscape graph in `sel` is drawn inside its canvas; returns the count. */
async function assertInside(sel: string, where: string): Promise<number> {
  const r = (await page.evaluate(`(() => {
    const c = document.querySelector(${JSON.stringify(sel)});
    const cy = c._cyreg.cy;
    const W = c.clientWidth, H = c.clientHeight;
    const out = cy.nodes().filter((n) => {
      const b = n.renderedBoundingBox({ includeLabels: false });
      return b.x1 < -0.5 || b.y1 < -0.5 || b.x2 > W + 0.5 || b.y2 > H + 0.5;
    }).map((n) => n.data("label") + " at " + JSON.stringify(n.renderedBoundingBox({ includeLabels: false })));
    return { n: cy.nodes().length, out, W, H };
  })()`)) as { n: number; out: string[]; W: number; H: number };
  assert.deepEqual(r.out, [], `${where}: nodes outside the ${r.W}x${r.H} canvas`);
  return r.n;
}
