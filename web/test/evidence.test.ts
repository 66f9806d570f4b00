// Unit tests of the evidence on the map: routes of the new pages, the partnerships CSV, the
// names of rolled-up institutions, the report's filters and the legend's colours.

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { partnershipRows, toCSV } from "../src/lib/csv";
import { parseRoute } from "../src/lib/router";
import { PARTNERSHIP_COLORS, PARTNERSHIP_KINDS } from "../src/lib/labels";
import { filtersFrom, nodeLabel, pagePath, partnershipsOf } from "../src/lib/pages";

describe("partnership, event and report routes", () => {
  it.each([
    ["/partnerships/pship:yinfeng-usst-2022", "partnership", "pship:yinfeng-usst-2022"],
    ["/partnerships/pship%3Ayinfeng-usst-2022", "partnership", "pship:yinfeng-usst-2022"],
    ["/events/event:yinfeng-visit-2022-08", "event", "event:yinfeng-visit-2022-08"],
    ["/report", "report", undefined],
    ["/partnerships", "notfound", undefined],
  ])("%s is the %s view", (path, view, id) => {
    const r = parseRoute(path, "");
    expect(r.view).toBe(view);
    expect(r.id).toBe(id);
  });

  it("page paths encode the id", () => {
    expect(pagePath("partnership", "pship:a b")).toBe("/partnerships/pship%3Aa%20b");
    expect(pagePath("event", "event:x")).toBe("/events/event%3Ax");
    expect(pagePath("person", "person:x")).toBeNull();
  });

  it("the report reads the map's filters from the URL, leaving out the default level", () => {
    expect(filtersFrom(new URLSearchParams("topic=topic%3Acryomedicine&level=institution&asOf=2024&view=geo&focus=org%3Ausst")))
      .toEqual({ topic: "topic:cryomedicine", asOf: "2024" });
    expect(filtersFrom(new URLSearchParams("level=unit&country=CN"))).toEqual({ level: "unit", country: "CN" });
  });
});

// Synthetic names: these test the formatting only.
const edge = {
  source: "org:a", target: "org:b", type: "mou", count: 2, topics: [], partnerships: ["ps:1", "ps:2"],
  details: [
    { id: "ps:1", name: "Synthetic MOU, one", kind: "mou", status: "agreed", start: "2021", parties: [{ id: "org:a", name: "Lab A" }, { id: "org:b", name: "Lab B" }],
      sources: [{ id: "src:1", url: "https://example.org/1", title: "News, one" }, { id: "src:2", url: "https://example.org/2", title: "Two" }] },
    { id: "ps:2", name: "Synthetic MOU two", kind: "mou", status: "ended", start: "2019", end: "2020", parties: [{ id: "org:a", name: "Lab A" }], sources: [] },
  ],
};

describe("the partnerships CSV", () => {
  it("has one row per partnership with name, status, parties and the sources' titles and URLs", () => {
    const names: Record<string, string> = { "org:a": "Lab A", "org:b": "Lab B" };
    const { header, rows } = partnershipRows([edge], (id) => names[id]);
    expect(header).toEqual(["source_id", "source", "target_id", "target", "type", "partnership_id", "name", "status", "start", "end",
      "parties", "source_titles", "source_urls"]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(["org:a", "Lab A", "org:b", "Lab B", "mou", "ps:1", "Synthetic MOU, one", "agreed", "2021", undefined,
      "Lab A; Lab B", "News, one; Two", "https://example.org/1; https://example.org/2"]);
    const csv = toCSV(header, rows);
    expect(csv).toContain('"Synthetic MOU, one",agreed,2021,,Lab A; Lab B,"News, one; Two",https://example.org/1; https://example.org/2\r\n');
    expect(csv).toContain("Synthetic MOU two,ended,2019,2020,Lab A,,\r\n");
  });

  it("lists each partnership once across edges, latest first", () => {
    expect(partnershipsOf([edge, { ...edge, type: "mou" }]).map((p) => p.id)).toEqual(["ps:1", "ps:2"]);
  });
});

describe("rolled-up institutions", () => {
  it("say which units they include", () => {
    expect(nodeLabel({ name: "University" })).toBe("University");
    expect(nodeLabel({ name: "University", rolledUp: [{ id: "org:i", name: "Institute" }] })).toBe("University, incl. Institute");
    expect(nodeLabel({ name: "Group", rolledUp: [{ id: "a", name: "A" }, { id: "b", name: "B" }, { id: "c", name: "C" }] })).toBe("Group, incl. 3 units");
  });
});

describe("the legend", () => {
  it("has a colour for every partnership kind the import format allows (internal/format/format.go)", () => {
    const src = readFileSync(resolve(__dirname, "../../internal/format/format.go"), "utf8");
    const m = /PartnershipKinds\s*=\s*set\(([^)]*)\)/.exec(src);
    expect(m).not.toBeNull();
    const kinds = [...m![1].matchAll(/"([a-z_]+)"/g)].map((x) => x[1]);
    expect(kinds).toContain("expert_committee");
    expect([...PARTNERSHIP_KINDS].sort()).toEqual([...kinds].sort());
    for (const k of kinds) expect(PARTNERSHIP_COLORS[k], k).toMatch(/^#[0-9a-f]{6}$/);
  });
});
