// Adding and correcting facts from the web as an editor: the form's rows go through the
// loader, its errors land on the field they concern, and every change needs a reason and a
// source. Synthetic, made-up people only.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { createToken, shot, start, type Env, axeViolations as axeIn } from "./harness.ts";

let env: Env;
let page: Page;

before(async () => {
  env = await start();
  page = env.page;
}, { timeout: 240_000 });

after(async () => {
  await env?.close();
});

const axeViolations = (selector?: string) => axeIn(page, selector);

describe("editing facts from the web", { timeout: 300_000 }, () => {
  it("an editor adds a person with a source, sees a field error first, then corrects the name", async () => {
    const token = await createToken("editor");
    await page.goto(`${env.base}/edit?new=person`);
    await page.evaluate((t) => sessionStorage.setItem("cryograph.token", t), token);

    for (const [w, hgt] of [[390, 844], [1440, 900]] as const) {
      await page.setViewportSize({ width: w, height: hgt });
      await page.goto(`${env.base}/edit?new=person`);
      await page.locator("form.edit-form").waitFor();
      const sw = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(sw <= w, `the edit form at ${w}: the page is ${sw} px wide`);
      assert.deepEqual(await axeViolations(), [], `the edit form at ${w}: axe-core violations`);
      await shot(page, `edit-form-${w}`);
    }

    const form = page.locator("form.edit-form");
    await form.getByLabel("Id", { exact: true }).fill("person:syn_e2e_ada");
    await form.getByLabel("Name", { exact: true }).fill("Ada Frostbyte");
    await form.getByLabel("Country (ISO code, e.g. CN)").fill("DE");
    await form.getByRole("button", { name: "Save" }).click();
    const firstErr = form.locator(".field-error:not([hidden])").first();
    await firstErr.waitFor();
    assert.match((await firstErr.textContent())!, /why|reason/i, "a change without a reason is refused on its field");
    await form.getByLabel("Why this change?").fill("a new member, from the lab's page");
    await form.getByRole("button", { name: "Save" }).click();
    await page.waitForFunction(() => /source/i.test(document.querySelector(".field-error:not([hidden])")?.textContent ?? ""));
    const sourceErr = form.locator(".field-error:not([hidden])").first();
    assert.match((await sourceErr.textContent())!, /source/i, "a change without a source is refused on the source's field");

    await form.getByLabel("Web address").fill("https://example.org/synthetic-lab/people");
    await form.getByLabel("Title, as the page shows it").fill("Synthetic Lab: people (made up for a test)");
    await form.getByLabel("Published", { exact: true }).fill("2026-13");
    await form.getByRole("button", { name: "Save" }).click();
    await page.waitForFunction(() => /not a date/.test(document.querySelector(".field-error:not([hidden])")?.textContent ?? ""));
    const dateErr = form.locator(".field-error:not([hidden])").first();
    assert.match((await dateErr.textContent())!, /not a date/, "the loader's own message, on the field");
    assert.equal(await form.getByLabel("Published", { exact: true }).evaluate((el) => el === document.activeElement), true, "focus goes to the faulty field");

    await form.getByLabel("Published", { exact: true }).fill("2026-11");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved.").waitFor();
    await page.getByRole("link", { name: "See the profile" }).click();
    await page.getByRole("heading", { name: "Ada Frostbyte" }).waitFor();

    await page.goto(`${env.base}/edit?id=person%3Asyn_e2e_ada`);
    await form.getByLabel("Name", { exact: true }).waitFor();
    assert.equal(await form.getByLabel("Name", { exact: true }).inputValue(), "Ada Frostbyte", "the form starts from the stored row");
    assert.equal(await form.getByLabel("Country (ISO code, e.g. CN)").inputValue(), "DE");
    await form.getByLabel("Name", { exact: true }).fill("Ada M. Frostbyte");
    await form.getByLabel("Web address").fill("https://example.org/synthetic-lab/people");
    await form.getByLabel("Title, as the page shows it").fill("Synthetic Lab: people (made up for a test)");
    await form.getByLabel("Why this change?").fill("middle initial, as the page gives it");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved.").waitFor();
    const prof = await (await fetch(`${env.base}/api/v1/people/person:syn_e2e_ada`)).json() as { entity: { name: string; country?: string } };
    assert.equal(prof.entity.name, "Ada M. Frostbyte");
    assert.equal(prof.entity.country, "DE", "a field the edit did not change is kept");
  });
});
