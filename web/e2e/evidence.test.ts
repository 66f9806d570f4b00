// The evidence behind the partnership map, end to end against the real binary and the demo
// data: the map's panel lists each partnership with a link to its page and to its source; the
// partnership and event pages show parties, participants and sources; the report carries the
// map's filters and prints to a PDF whose text has the title, the legend, the as-of date and
// the sources; exported pictures carry their frame and cut no label. Each new view fits a
// 390 px phone and has no serious axe-core violation. Screenshots: test-output/screenshots/.

import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { outDir, shot, start, type Env, step as stepIn, assertClean as assertCleanIn, axeViolations as axeIn, download as downloadIn } from "./harness.ts";

let env: Env;
let page: Page;

// Real records of the demo data (data/demo/10-seed-yinfeng-2022.jsonl).
const PSHIP = "pship:yinfeng-usst-2022";
const PSHIP_NAME = "Cooperation on deep low-temperature preservation of complex tissues and organs (Yinfeng and USST)";
const EVENT = "event:yinfeng-visit-2022-08";
const EVENT_NAME = "Yinfeng visit to the USTC and USST cryomedicine labs";
const SOURCE_URL = "https://en.yinfenglife.org.cn/news_details/30.html";
const SOURCE_TITLE = "Yinfeng news, 2022-09-20: visit to USTC and USST on cryomedicine cooperation";
const USST = "University of Shanghai for Science and Technology";
const IBST = "Institute of Biothermal Science and Technology (USST)";

before(async () => {
  env = await start();
  page = env.page;
  // Ask the map's questions once before the browser does: on a loaded machine the first
  // (uncached) map of a fresh database can outlast the request deadline and answer 503.
  for (const q of ["", "?asOf=2024"]) {
    for (const path of ["/api/v1/partnerships/map", "/api/v1/partnerships/timeline"]) {
      for (let i = 0; i < 8; i++) {
        const r = await fetch(`${env.base}${path}${q}`, { headers: { Authorization: `Bearer ${env.token}` } });
        await r.arrayBuffer();
        if (r.status === 200) break;
      }
    }
  }
}, { timeout: 400_000 });

after(async () => {
  await env?.close();
});

const step = (name: string, body: () => Promise<void>) => stepIn(() => page, "evidence-" + name, body);
const assertClean = () => assertCleanIn(env);
const axeViolations = (selector?: string) => axeIn(page, selector);
const download = (action: () => Promise<unknown>) => downloadIn(page, action);

const SIZES = [[1440, 900], [390, 844]] as const;

/** The text of a PDF, page by page, as pdf.js reads it. */
async function pdfText(data: Buffer): Promise<string> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const doc = await pdfjs.getDocument({ data: new Uint8Array(data), useSystemFonts: false, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    out.push(content.items.map((it) => ("str" in it ? it.str + (it.hasEOL ? "\n" : "") : "")).join(""));
  }
  await doc.destroy();
  return out.join("\n");
}

const squeeze = (s: string) => s.replace(/\s+/g, "");

describe("evidence on the partnership map", { timeout: 600_000 }, () => {
  it("the map's panel lists each partnership of a link with its page and its source, at 1440 and 390 px", step("map-panel", async () => {
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await page.goto(`${env.base}/map`);
      await page.locator(".map-stage[data-ready=true]").waitFor({ timeout: 30_000 });
      if (w < 861) await page.locator(".map-panel").scrollIntoViewIfNeeded();
      await page.getByLabel("Find an organization").selectOption({ label: USST });
      await page.getByRole("heading", { level: 2, name: USST }).waitFor();
      const panel = page.locator(".map-panel");
      // The institution level says which unit it counted with USST.
      assert.match(await panel.locator(".rolled-up").innerText(), new RegExp(`Counted with ${USST} at institution level: .*Institute of Biothermal`));
      const item = panel.locator(".evidence-item", { has: page.locator(`a[href="/partnerships/${encodeURIComponent(PSHIP)}"]`) }).first();
      await item.waitFor();
      assert.equal((await item.locator(".evidence-name").innerText()).trim(), PSHIP_NAME);
      assert.match(await item.innerText(), /Agreed · since Aug 2022|Agreed · since 2022-08|Agreed · since/);
      assert.match(await item.locator(".evidence-parties").innerText(), /Xu Yi/);
      const src = item.locator(`a.ext[href="${SOURCE_URL}"]`);
      assert.equal(await src.count(), 1, "the partnership links to its source");
      assert.match(await src.innerText(), /Yinfeng news, 2022-09-20/);
      assert.equal(await src.getAttribute("target"), "_blank");
      await shot(page, `evidence-map-panel-${w}`);
      // The legend has a colour for every partnership type, the expert committee too.
      assert.match(await panel.locator(".legend-block").innerText(), /Expert committee/);
      if (w === 1440) {
        // The table lists the same evidence.
        await page.getByText(/as a table/).click();
        const row = page.locator(".data-table tr", { has: page.locator(`a[href="/partnerships/${encodeURIComponent(PSHIP)}"]`) }).first();
        assert.equal(await row.locator(`a.ext[href="${SOURCE_URL}"]`).count(), 1, "the table links the source");
      }
      // The panel's partnership name opens its page.
      await item.locator(".evidence-name").click();
      await page.waitForURL(new RegExp(`/partnerships/${encodeURIComponent(PSHIP)}$`));
      await page.getByRole("heading", { level: 1, name: PSHIP_NAME }).waitFor();
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    assertClean();
  }));

  it("exports: the partnerships CSV has names, statuses, parties and sources; the SVG has its frame and cuts no label", step("exports", async () => {
    await page.goto(`${env.base}/map`);
    await page.locator(".map-stage[data-ready=true]").waitFor({ timeout: 30_000 });
    const csv = (await download(() => page.getByRole("button", { name: "CSV: partnerships" }).click())).body.toString("utf8");
    assert.match(csv, /^\ufeffsource_id,source,target_id,target,type,partnership_id,name,status,start,end,parties,source_titles,source_urls\r\n/);
    const line = csv.split("\r\n").find((l) => l.includes(PSHIP));
    assert.ok(line, "the CSV has the Yinfeng-USST cooperation");
    assert.ok(line.includes(",agreed,2022-08,") && line.includes("Xu Yi") && line.includes(SOURCE_URL) && line.includes(SOURCE_TITLE), line);
    const links = (await download(() => page.getByRole("button", { name: "CSV: links" }).click())).body.toString("utf8");
    assert.match(links, /,partnerships,partnership_names,statuses,parties,source_titles,source_urls\r\n/);

    const svg = (await download(() => page.getByRole("button", { name: "SVG" }).click())).body.toString("utf8");
    writeFileSync(join(outDir, "evidence-map.svg"), svg);
    for (const text of ["CryoGraph partnership map", "Filters: none", "As of ", "Expert committee", "Research cooperation", "Sources", SOURCE_URL]) {
      assert.ok(svg.includes(text), `the SVG says ${text}`);
    }
    // Drawn at its own size, every text of the picture lies inside it.
    const cut = await page.evaluate((text) => {
      const host = document.createElement("div");
      host.style.cssText = "position:absolute;left:0;top:0";
      host.innerHTML = text.replace(/^<\?xml[^>]*>\s*/, "");
      document.body.appendChild(host);
      const root = host.querySelector("svg")!;
      const box = root.getBoundingClientRect();
      const out: string[] = [];
      for (const t of Array.from(root.querySelectorAll("text"))) {
        const r = t.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) out.push(`${t.textContent} ${JSON.stringify(r)}`);
      }
      host.remove();
      return { out, width: box.width };
    }, svg);
    assert.deepEqual(cut.out, [], `labels cut by the picture's edge (picture ${cut.width} px wide)`);
    const png = (await download(() => page.getByRole("button", { name: "PNG" }).click())).body;
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "a PNG file");
    assertClean();
  }));

  it("the partnership page shows parties linked to their profiles, topics, the event and sources", step("partnership", async () => {
    await page.goto(`${env.base}/partnerships/${encodeURIComponent(PSHIP)}`);
    await page.getByRole("heading", { level: 1, name: PSHIP_NAME }).waitFor();
    const parties = page.getByRole("list", { name: "Parties" });
    assert.equal(await parties.locator(`a[href="/people/${encodeURIComponent("person:xu_yi")}"]`).innerText(), "Xu Yi");
    assert.equal(await parties.locator(`a[href="/organizations/${encodeURIComponent("org:usst_ibst")}"]`).innerText(), IBST);
    assert.match(await parties.innerText(), /university institute/);
    assert.equal(await page.locator(`a[href="/events/${encodeURIComponent(EVENT)}"]`).innerText(), EVENT_NAME);
    assert.match(await page.locator(".profile-kind").innerText(), /Agreed/);
    const sources = page.getByRole("list", { name: "Sources" });
    assert.equal(await sources.locator(`a.ext[href="${SOURCE_URL}"]`).count(), 1);
    assert.match(await sources.innerText(), /Yinfeng Biological Group \(English website\) · published 20 Sep 2022|Yinfeng Biological Group \(English website\) · published/);
    assert.match(await page.locator(".facts").innerText(), /its changes are in the History below/);
    // The event page, one click away.
    await page.locator(`a[href="/events/${encodeURIComponent(EVENT)}"]`).click();
    await page.getByRole("heading", { level: 1, name: EVENT_NAME }).waitFor();
    const people = page.getByRole("list", { name: "Participants" });
    assert.match(await people.innerText(), /Zhao Gang[\s\S]*host/);
    assert.equal(await page.getByRole("list", { name: "Partnerships it resulted in" }).locator("a.entity").count(), 2);
    // An unknown id says so.
    await page.goto(`${env.base}/partnerships/pship%3Anothing`);
    await page.getByText("Not found").waitFor();
    env.problems.splice(0); // the 404 the browser logs is the point here
  }));

  it("the report carries the map's filters: title, as-of date, picture, legend, a table with sources", step("report", async () => {
    await page.goto(`${env.base}/map?asOf=2024`);
    await page.locator(".map-stage[data-ready=true]").waitFor({ timeout: 30_000 });
    await page.getByRole("link", { name: "Printable report", exact: true }).click();
    await page.waitForURL(/\/report\?asOf=2024$/);
    await page.locator(".view-report[data-ready=true]").waitFor({ timeout: 60_000 });
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Partnership report");
    assert.match(await page.locator(".report-filters").innerText(), /In force as of 2024/);
    assert.match(await page.locator(".report-asof").innerText(), /As of: 2024/);
    assert.ok(await page.locator("svg.report-svg circle").count() > 2, "the network is drawn as a still picture");
    assert.match(await page.locator(".report-legend").innerText(), /Expert committee/);
    const headers = await page.locator(".report-data th").allInnerTexts();
    assert.deepEqual(headers.map((x) => x.trim()), ["Partnership", "Parties", "Dates", "Status", "Sources"]);
    const row = page.locator(".report-data tr", { has: page.locator(`a[href="/partnerships/${encodeURIComponent(PSHIP)}"]`) });
    assert.match(await row.innerText(), new RegExp(SOURCE_URL.replace(/[.?/]/g, "\\$&")));
    assertClean();
  }));

  it("the report prints to a PDF with the title, legend, as-of date, a sources column and real source URLs", step("pdf", async () => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto(`${env.base}/report?asOf=2024`);
    await page.locator(".view-report[data-ready=true]").waitFor({ timeout: 60_000 });
    await page.emulateMedia({ media: "print" });
    await shot(page, "evidence-report-print-1440", true);
    const pdf = await page.pdf({ format: "A4", printBackground: true, margin: { top: "12mm", bottom: "12mm", left: "10mm", right: "10mm" } });
    await page.emulateMedia({ media: "screen" });
    writeFileSync(join(outDir, "evidence-report.pdf"), pdf);
    assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
    const text = await pdfText(pdf);
    writeFileSync(join(outDir, "evidence-report.txt"), text);
    const flat = squeeze(text);
    for (const want of ["Partnership report", "In force as of 2024", "As of: 2024", "Partnership types", "Research cooperation", "Expert committee",
      "Cooperation agreement", "Sources", SOURCE_URL, SOURCE_TITLE]) {
      assert.ok(flat.includes(squeeze(want)), `the PDF's text has ${want}`);
    }
    // The print stylesheet hides the navigation and the controls.
    assert.ok(!flat.includes(squeeze("Analyst console")), "no navigation in print");
    assert.ok(!flat.includes(squeeze("Print or save as PDF")), "no controls in print");
  }));

  it("the new views fit a 390 px phone and have no serious axe-core violation, at 390x844 and 1440x900", step("layout", async () => {
    const views: [string, string, () => Promise<unknown>][] = [
      ["partnership", `/partnerships/${encodeURIComponent(PSHIP)}`, () => page.getByRole("list", { name: "Sources" }).waitFor()],
      ["event", `/events/${encodeURIComponent(EVENT)}`, () => page.getByRole("list", { name: "Participants" }).waitFor()],
      ["report", "/report", () => page.locator(".view-report[data-ready=true]").waitFor({ timeout: 60_000 })],
    ];
    for (const [name, url, ready] of views) {
      for (const [w, h] of SIZES) {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`${env.base}${url}`);
        await ready();
        const sw = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(sw <= w, `${name} at ${w}x${h}: the page is ${sw} px wide`);
        assert.deepEqual(await axeViolations(), [], `${name} at ${w}x${h}: axe-core violations`);
        await shot(page, `evidence-${name}-${w}`, true);
      }
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    assertClean();
  }));
});
