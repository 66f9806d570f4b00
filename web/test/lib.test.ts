// Unit tests of the UI's pure parts: URL state, CSV, dates, map keys and placement.

import { describe, expect, it } from "vitest";
import { toCSV, csvField } from "../src/lib/csv";
import { parseRoute, hrefWith } from "../src/lib/router";
import { fmtDate, fmtSpan, word, countryName, countryNumericCode } from "../src/lib/labels";
import { yearOf } from "../src/components/timeline";
import { edgeKey } from "../src/lib/mapsel";
import { placeNodes, countryCentre } from "../src/components/geomap";
import { flattenTopics } from "../src/lib/topics";

describe("routes", () => {
  it.each([
    ["/", "", "experts", undefined],
    ["/experts", "?topic=topic%3Aorgan-preservation", "experts", undefined],
    ["/people/person%3Axu_yi", "", "person", "person:xu_yi"],
    ["/people/person:xu_yi", "", "person", "person:xu_yi"],
    ["/organizations/org:usst", "", "organization", "org:usst"],
    ["/topics/topic:nanowarming", "", "topic", "topic:nanowarming"],
    ["/map", "?view=geo&asOf=2022", "map", undefined],
    ["/paths", "?from=a&to=b", "paths", undefined],
    ["/console", "?query=MATCH", "console", undefined],
    ["/reports/rep_abc", "", "reportstatus", "rep_abc"],
    ["/review", "?status=open", "review", undefined],
    ["/people", "", "notfound", undefined],
    ["/nowhere/at/all", "", "notfound", undefined],
  ])("%s%s is the %s view", (path, search, view, id) => {
    const r = parseRoute(path, search);
    expect(r.view).toBe(view);
    expect(r.id).toBe(id);
  });

  it("keeps the query string as the view's state", () => {
    expect(parseRoute("/map", "?asOf=2022&topic=topic%3Acryomedicine").params.get("topic")).toBe("topic:cryomedicine");
  });

  it("writes links with only the set parameters", () => {
    expect(hrefWith("/paths", { from: "person:xu_yi", to: "", k: undefined, avoidHubs: false })).toBe("/paths?from=person%3Axu_yi");
    expect(hrefWith("/map", {})).toBe("/map");
  });
});

describe("CSV", () => {
  it("quotes only what needs quoting", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField('say "hi", twice')).toBe('"say ""hi"", twice"');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
    expect(csvField(3)).toBe("3");
  });

  it("starts with a byte-order mark and ends lines with CRLF", () => {
    expect(toCSV(["a", "b"], [["上海理工大学", 1]])).toBe("\ufeffa,b\r\n上海理工大学,1\r\n");
  });
});

describe("dates", () => {
  it("keeps the precision of the source", () => {
    expect(fmtDate("2022")).toBe("2022");
    expect(fmtDate("2022-08")).toBe("Aug 2022");
    expect(fmtDate("2022-08-09")).toBe("9 Aug 2022");
    expect(fmtDate(undefined)).toBe("");
  });

  it("says spans in words", () => {
    expect(fmtSpan("2019", "2022")).toBe("2019 – 2022");
    expect(fmtSpan("2019")).toBe("since 2019");
    expect(fmtSpan(undefined, undefined, "2022-08")).toBe("as of Aug 2022");
  });

  it("places dates on a year axis", () => {
    expect(yearOf("2022")).toBe(2022);
    expect(yearOf("2022-07")).toBeCloseTo(2022.5);
    expect(Number.isNaN(yearOf("soon"))).toBe(true);
  });
});

describe("labels", () => {
  it("turns codes into words", () => {
    expect(word("research_cooperation")).toBe("research cooperation");
    expect(word("AFFILIATED_WITH")).toBe("affiliated with");
    expect(word("mou")).toBe("memorandum of understanding");
  });

  it("knows the countries of ISO 3166", () => {
    expect(countryName("CN")).toBe("China");
    expect(countryNumericCode("US")).toBe("840");
    expect(countryName("XX")).toBe("XX");
  });
});

describe("partnership map", () => {
  it("keys an edge the same whichever way it points", () => {
    expect(edgeKey({ source: "org:b", target: "org:a", type: "mou" })).toBe(edgeKey({ source: "org:a", target: "org:b", type: "mou" }));
    expect(edgeKey({ source: "org:a", target: "org:b", type: "mou" })).not.toBe(edgeKey({ source: "org:a", target: "org:b", type: "joint_lab" }));
  });

  it("places institutions by coordinates, else at their country's centre, else not at all", () => {
    const { places, unplaced, placeOf } = placeNodes([
      { id: "org:usst", name: "USST", type: "university", country: "CN", lat: 31.29, lon: 121.55, partnerships: 3 },
      { id: "org:ustc", name: "USTC", type: "university", country: "CN", partnerships: 2 },
      { id: "org:haier", name: "Haier", type: "company", country: "CN", partnerships: 1 },
      { id: "org:sfc", name: "SfC", type: "society", partnerships: 1 },
    ]);
    expect(unplaced.map((n) => n.id)).toEqual(["org:sfc"]);
    expect(places).toHaveLength(2);
    expect(placeOf.get("org:usst")!.exact).toBe(true);
    expect(placeOf.get("org:ustc")).toBe(placeOf.get("org:haier"));
    expect(placeOf.get("org:ustc")!.partnerships).toBe(3);
  });

  it("counts a place's partnerships once each, not once per institution", () => {
    // Two institutions in one city share pship:1; one of them also has pship:2 with an
    // institution elsewhere. The tooltip of the city must say 2, not 1 + 2 = 3.
    const { placeOf } = placeNodes(
      [
        { id: "org:a", name: "A", type: "university", country: "CN", lat: 31.22, lon: 121.46, partnerships: 1 },
        { id: "org:b", name: "B", type: "hospital", country: "CN", lat: 31.22, lon: 121.46, partnerships: 2 },
        { id: "org:c", name: "C", type: "company", country: "CN", lat: 36.67, lon: 117.0, partnerships: 1 },
      ],
      [
        { source: "org:a", target: "org:b", type: "mou", count: 1, topics: [], partnerships: ["pship:1"] },
        { source: "org:b", target: "org:c", type: "mou", count: 1, topics: [], partnerships: ["pship:2"] },
      ],
    );
    expect(placeOf.get("org:a")).toBe(placeOf.get("org:b"));
    expect(placeOf.get("org:a")!.partnerships).toBe(2);
    expect(placeOf.get("org:c")!.partnerships).toBe(1);
  });

  it("puts a country's centre on its main landmass", () => {
    const [lon, lat] = countryCentre("FR")!; // not in French Guiana
    expect(lon).toBeGreaterThan(-5);
    expect(lon).toBeLessThan(8);
    expect(lat).toBeGreaterThan(42);
    const [ulon] = countryCentre("US")!; // not pulled towards Alaska
    expect(ulon).toBeGreaterThan(-110);
  });
});

describe("topics", () => {
  it("flattens the tree depth first, each topic once", () => {
    const leaf = { id: "t:c", name: "C", experts: 1, partnerships: 0, totalExperts: 1, children: [] };
    const flat = flattenTopics([
      { id: "t:a", name: "A", experts: 0, partnerships: 0, totalExperts: 2, children: [leaf, { id: "t:b", name: "B", experts: 0, partnerships: 0, totalExperts: 1, children: [leaf] }] },
    ]);
    expect(flat.map((t) => `${t.depth}:${t.id}`)).toEqual(["0:t:a", "1:t:c", "1:t:b"]);
  });
});
