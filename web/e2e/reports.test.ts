// "Report an error" end to end, as a new user would: an anonymous reader reports a wrong fact
// on a path, follows the report's status page, and an editor rejects it from the review
// queue with a reason the reader then reads. Against the real binary and the demo data.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { shot, start, type Env, axeViolations as axeIn, checkLayout as checkLayoutIn, createToken } from "./harness.ts";

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
const checkLayout = (name: string, url: string, ready: () => Promise<unknown>) => checkLayoutIn(env, name, url, ready);
const editorToken = () => createToken("editor");

describe("accepting a report applies the correction", { timeout: 300_000 }, () => {
  it("a reader reports a wrong role on a profile; an editor accepts it with the corrected role and a source", async () => {
    const token = await editorToken();
    const auth = { Authorization: `Bearer ${token}`, "Content-Type": "application/json" };
    // A made-up lab and person, added as an editor would.
    const seed = await fetch(`${env.base}/api/v1/edits`, { method: "POST", headers: auth, body: JSON.stringify({
      comment: "test data (synthetic)", source: { url: "https://example.org/synthetic-lab", title: "Synthetic Lab (made up for a test)" },
      rows: [{ type: "organization", id: "org:syn_rep_lab", name: "Synthetic Frost Lab", kind: "lab", synthetic: true },
        { type: "person", id: "person:syn_rep_ada", name: "Ada Rimefield", synthetic: true },
        { type: "link", rel: "AFFILIATED_WITH", from: "person:syn_rep_ada", to: "org:syn_rep_lab", role: "postdoc", since: "2023" }] }) });
    assert.equal(seed.status, 200, await seed.text());

    await page.goto(`${env.base}/people/person%3Asyn_rep_ada`);
    const fact = page.locator(".fact-list li").filter({ hasText: "Synthetic Frost Lab" }).first();
    await fact.waitFor();
    await fact.getByRole("button", { name: /^Report an error/ }).click();
    const dialog = page.getByRole("dialog", { name: "Report an error" });
    await dialog.getByLabel("What is wrong?").fill("She leads the lab; she is not a postdoc.");
    await dialog.getByLabel("What is right? (optional)").fill("role: head of lab");
    await dialog.getByRole("button", { name: "Send report" }).click();
    const link = dialog.locator(".report-done a");
    await link.waitFor();
    const status = new URL((await link.getAttribute("href"))!, env.base).pathname;
    await dialog.getByRole("button", { name: "Close" }).click();

    await page.evaluate((t) => sessionStorage.setItem("cryograph.token", t), token);
    await page.goto(`${env.base}/review`);
    const item = page.locator(".report-list > li").filter({ hasText: "she is not a postdoc" }).first();
    await item.getByRole("link", { name: "Accept: correct it" }).click();
    await page.locator(".report-beside").waitFor();
    assert.match((await page.locator(".report-beside").textContent())!, /role: head of lab/, "the correction is beside the form");
    await page.getByRole("button", { name: "Correct this link" }).click();
    const form = page.locator("form.edit-form");
    await form.getByLabel("Role", { exact: true }).fill("head of lab");
    await form.getByLabel("Web address").fill("https://example.org/synthetic-lab/team");
    await form.getByLabel("Title, as the page shows it").fill("Synthetic Frost Lab: team (made up for a test)");
    assert.match(await form.getByLabel("Why this change?").inputValue(), /^Report rep_/, "the change cites the report");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved, and the report is accepted.").waitFor();
    await shot(page, "report-accepted");

    const prof = await (await fetch(`${env.base}/api/v1/people/person:syn_rep_ada`)).json() as { affiliations: { role?: string; title?: string; sources: string[] }[] };
    assert.equal(prof.affiliations.length, 1, "the link is corrected, not doubled");
    assert.equal(prof.affiliations[0].role, "head of lab");
    assert.equal(prof.affiliations[0].sources.length, 2, "the correction's source is added to the fact's");

    // The profile's History names the change, its source and who made it; the editor undoes it.
    await page.goto(`${env.base}/people/person%3Asyn_rep_ada`);
    const history = page.locator("details.history");
    await history.locator("summary").click();
    const entry = history.locator(".history-item").filter({ hasText: /Report rep_/ }).first();
    await entry.waitFor();
    const text = (await entry.textContent())!;
    assert.match(text, /Affiliated with org:syn_rep_lab \(head of lab\) changed \(role[^)]*\) from source “Synthetic Frost Lab: team/, text);
    assert.match(text, /by e2e-editor-/);
    await shot(page, "profile-history");
    await entry.getByRole("button", { name: "Undo" }).click();
    await history.locator(".history-item").filter({ hasText: /Report rep_/ }).filter({ hasText: "Undone by" }).first().waitFor();
    const back = await (await fetch(`${env.base}/api/v1/people/person:syn_rep_ada`)).json() as { affiliations: { role?: string }[] };
    assert.equal(back.affiliations[0].role, "postdoc", "the undo puts the fact back as it was");

    await page.evaluate(() => sessionStorage.removeItem("cryograph.token"));
    await page.goto(`${env.base}${status}`);
    await page.locator(".report-status").waitFor();
    assert.match((await page.locator(".report-status").textContent())!, /Accepted/);
    assert.match((await page.locator(".report-undone").textContent())!, /undone/, "the reporter sees the undo");
  });
});

describe("reporting an error", { timeout: 300_000 }, () => {
  let statusPath = "";

  it("an anonymous reader reports a wrong fact on a path and gets a link to follow it", async () => {
    await page.goto(`${env.base}/paths?from=person%3Axu_yi&to=person%3Azhao_gang`);
    const hop = page.locator(".hop-edge").first();
    await hop.waitFor();
    const fact = (await hop.locator(".hop-rel").textContent())!.trim();
    await hop.getByRole("button", { name: /^Report an error/ }).click();
    const dialog = page.getByRole("dialog", { name: "Report an error" });
    await dialog.waitFor();
    assert.equal((await dialog.locator(".report-fact").textContent())!.trim(), fact, "the form names the fact");
    assert.deepEqual(await axeViolations(), [], "the report dialog passes axe-core");
    await dialog.getByRole("button", { name: "Send report" }).click();
    await dialog.locator(".form-error").waitFor({ state: "visible" });
    assert.match((await dialog.locator(".form-error").textContent())!, /what is wrong/i, "an empty report is refused on the page");

    await dialog.getByLabel("What is wrong?").fill("<script>alert(1)</script> The role is out of date.");
    await dialog.getByLabel("What is right? (optional)").fill("Professor since 2021");
    await dialog.getByLabel("Evidence (optional)").fill("https://example.org/staff");
    await dialog.getByRole("button", { name: "Send report" }).click();
    const link = dialog.locator(".report-done a");
    await link.waitFor();
    statusPath = new URL((await link.getAttribute("href"))!, env.base).pathname;
    assert.match(statusPath, /^\/reports\/rep_[a-z2-7]{20}$/);
    await shot(page, "report-dialog-sent");
  });

  it("the status page shows the report as text, open", async () => {
    await page.goto(`${env.base}${statusPath}`);
    await page.locator(".report-status").waitFor();
    assert.match((await page.locator(".report-status").textContent())!, /Open/);
    const text = await page.locator(".report-details").textContent();
    assert.ok(text!.includes("<script>alert(1)</script>"), "the reader's text is shown as text, not run as markup");
    assert.equal(await page.locator(".report-details script").count(), 0);
    await checkLayout("report-status", statusPath, () => page.locator(".report-status").waitFor());
  });

  it("an editor rejects it from the review queue, and the reader reads why", async () => {
    const token = await editorToken();
    await page.goto(`${env.base}/review`);
    await page.evaluate((t) => sessionStorage.setItem("cryograph.token", t), token);
    await page.goto(`${env.base}/review`);
    const item = page.locator(".report-list > li").filter({ hasText: "The role is out of date." }).first();
    await item.waitFor();
    assert.ok((await item.textContent())!.includes("example.org/staff"), "the queue shows the reporter's evidence");
    await checkLayout("review", "/review", () => page.locator(".report-list > li").first().waitFor());

    await page.goto(`${env.base}/review`);
    const again = page.locator(".report-list > li").filter({ hasText: "The role is out of date." }).first();
    await again.getByRole("button", { name: "Reject" }).click();
    await again.locator(".form-error").waitFor({ state: "visible" });
    assert.match((await again.locator(".form-error").textContent())!, /why/i, "a rejection needs a reason");
    await again.getByLabel("Reason (the reporter reads it)").fill("The university's 2022 staff page still lists this role.");
    await again.getByRole("button", { name: "Reject" }).click();
    // The open queue no longer lists it once the rejection is stored.
    await page.locator(".report-list > li").filter({ hasText: "The role is out of date." }).waitFor({ state: "detached" });

    await page.evaluate(() => sessionStorage.removeItem("cryograph.token"));
    await page.goto(`${env.base}${statusPath}`);
    await page.locator(".report-status").waitFor();
    assert.match((await page.locator(".report-status").textContent())!, /Rejected/);
    assert.ok((await page.locator(".report-details").textContent())!.includes("2022 staff page"), "the reader reads the reason");
    assert.ok(!(await page.locator(".report-details").textContent())!.includes("Contact"), "no contact on the public page");
  });
});
