// Publications in the web UI, against the real binary and the demo data (real, sourced works):
// a profile's "Publications" section (sorted, DOI links, co-authors, sources) and an expert
// result's top works, at 390 px and 1440 px with axe-core.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { join } from "node:path";
import { shot, shotsDir, start, type Env, step as stepIn, assertClean as assertCleanIn, axeViolations as axeIn } from "./harness.ts";

let env: Env;
let page: Page;

before(async () => {
  env = await start();
  page = env.page;
}, { timeout: 240_000 });

after(async () => {
  await env?.close();
});

const step = (name: string, body: () => Promise<void>) => stepIn(() => page, "publications-" + name, body);
const assertClean = () => assertCleanIn(env);
const axeViolations = (selector?: string) => axeIn(page, selector);

const titles = () => page.locator("#publications ol.publications > li cite").allTextContents();

describe("publications", { timeout: 300_000 }, () => {
  it("the API pages and sorts a person's publications, and refuses an unknown sort key", step("api", async () => {
    const url = `${env.base}/api/v1/people/person:xiaoming_he/publications`;
    const all = await (await fetch(`${url}?sort=year`)).json();
    assert.equal(all.total, 2);
    assert.deepEqual(all.publications.map((p: { doi: string }) => p.doi), ["10.1021/acsami.5b00655", "10.1371/journal.pone.0098132"]);
    const second = await (await fetch(`${url}?sort=year&limit=1&offset=1`)).json();
    assert.deepEqual(second.publications.map((p: { id: string }) => p.id), ["pub:yi-2014-plosone-ice-formation"]);
    const bad = await fetch(`${url}?sort=popularity`);
    assert.equal(bad.status, 400);
    const body = await bad.json();
    assert.equal(body.error.code, "invalid_argument");
    assert.equal(body.error.field, "sort");
  }));

  it("a profile lists the person's publications, sorted on request, with DOI links and co-authors", step("profile", async () => {
    await page.goto(`${env.base}/people/person:xiaoming_he`);
    const section = page.locator("#publications");
    await section.locator("ol.publications > li").first().waitFor();
    assert.match(await section.locator("h2").textContent() ?? "", /Publications \(2\)/);
    assert.deepEqual(await titles(), [
      "Nanoparticle-mediated intracellular delivery enables cryopreservation of human adipose-derived stem cells using trehalose as the sole cryoprotectant",
      "An Improved Model for Nucleation-Limited Ice Formation in Living Cells during Freezing",
    ]);
    const doi = section.locator('a[href="https://doi.org/10.1371/journal.pone.0098132"]');
    assert.equal(await doi.count(), 1);
    assert.equal(await doi.getAttribute("rel"), "noopener noreferrer");
    // Co-authors link to their profiles.
    assert.ok(await section.locator('a[href="/people/person%3Azhao_gang"]').count() >= 1);
    assert.match(await section.textContent() ?? "", /co-corresponding author/);

    const sort = section.getByLabel("Sort");
    await sort.focus();
    await sort.selectOption("title");
    await page.waitForFunction(() => document.querySelector("#publications ol.publications > li cite")?.textContent?.startsWith("An Improved"));
    assert.equal((await titles())[0], "An Improved Model for Nucleation-Limited Ice Formation in Living Cells during Freezing");
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "publicationSort", "focus stays on the sort control");
    assert.equal(await section.locator("nav.pager").isVisible(), false, "two publications need no pager");
    await section.screenshot({ path: join(shotsDir, "publications-section.png") });
    assertClean();
  }));

  it("an expert result shows its top works with DOI links", step("experts", async () => {
    await page.goto(`${env.base}/experts?topic=topic%3Aorgan-preservation&limit=50`);
    const card = page.locator("li.card.expert", { has: page.locator('a[href="/people/person%3Asebastian_giwa"]') });
    await card.first().waitFor();
    const works = card.first().locator(".top-works");
    assert.match(await works.textContent() ?? "", /The promise of organ and tissue preservation to transform medicine/);
    assert.equal(await works.locator('a[href="https://doi.org/10.1038/nbt.3889"]').count(), 1);
    await shot(page, "publications-experts");
    assertClean();
  }));

  it("fits 390 px, and the publications and expert cards are axe-clean", step("layout", async () => {
    for (const [name, url, ready] of [
      ["profile", "/people/person:xiaoming_he", "#publications ol.publications > li"],
      ["experts", "/experts?topic=topic%3Aorgan-preservation&limit=50", ".top-works"],
    ] as const) {
      for (const [w, h] of [[390, 844], [1440, 900]] as const) {
        await page.setViewportSize({ width: w, height: h });
        await page.goto(`${env.base}${url}`);
        await page.locator(ready).first().waitFor();
        await page.waitForFunction((W) => document.documentElement.scrollWidth <= W, w, { timeout: 10_000 }).catch(() => {});
        const sw = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(sw <= w, `${name} at ${w}x${h}: the page is ${sw} px wide`);
        const scope = name === "profile" ? "#publications" : "li.card.expert";
        assert.deepEqual(await axeViolations(scope), [], `${name} at ${w}x${h}: axe-core violations in ${scope}`);
        await shot(page, `publications-${name}-${w}`, true);
        const part = page.locator(scope).first();
        await part.screenshot({ path: join(shotsDir, `publications-${name}-part-${w}.png`) });
      }
    }
    await page.setViewportSize({ width: 1400, height: 1000 });
    assertClean();
  }));
});
