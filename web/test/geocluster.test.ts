import { describe, expect, it } from "vitest";
import { greedyCluster, intersects, placeLabels, ring } from "../src/components/geocluster";

describe("greedyCluster", () => {
  it("groups points within the radius of a seed, seeds in priority order", () => {
    const pts = [
      { id: "a", x: 100, y: 100 },
      { id: "b", x: 110, y: 105 }, // near a
      { id: "c", x: 200, y: 100 },
      { id: "d", x: 125, y: 100 }, // 25 from a: joins a, although it is nearer to nothing else
    ];
    const g = greedyCluster(pts, 30);
    expect(g.map((x) => x.members.map((m) => m.id))).toEqual([["a", "b", "d"], ["c"]]);
    expect(g[0]).toMatchObject({ x: 100, y: 100 });
  });

  it("keeps seeds at least the radius apart", () => {
    const pts = Array.from({ length: 200 }, (_, i) => ({ x: (i * 37) % 300, y: (i * 53) % 200 }));
    const g = greedyCluster(pts, 30);
    for (let i = 0; i < g.length; i++) for (let j = i + 1; j < g.length; j++) {
      expect(Math.hypot(g[i].x - g[j].x, g[i].y - g[j].y)).toBeGreaterThanOrEqual(30);
    }
    expect(g.reduce((a, x) => a + x.members.length, 0)).toBe(200);
  });
});

describe("ring", () => {
  it("spreads n points so that neighbours are at least the spacing apart", () => {
    for (const n of [2, 3, 4, 7, 12]) {
      const pts = ring(n, 50, 50, 36);
      expect(pts).toHaveLength(n);
      for (let i = 0; i < n; i++) {
        const [a, b] = [pts[i], pts[(i + 1) % n]];
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(36 - 1e-9);
      }
    }
    expect(ring(1, 5, 6, 36)).toEqual([{ x: 5, y: 6 }]);
  });
});

describe("placeLabels", () => {
  it("puts a label right of its marker, else elsewhere around it, else hides it; never two labels crossing", () => {
    const reqs = [
      { x: 100, y: 100, r: 10, w: 80, h: 16 },
      { x: 100, y: 110, r: 5, w: 80, h: 16 }, // right crosses the first label, left its marker, above its label: below
      { x: 105, y: 105, r: 5, w: 80, h: 16 }, // nowhere free: hidden
    ];
    const spots = placeLabels(reqs, reqs, 400, 300);
    expect(spots[0]).toMatchObject({ anchor: "start", x: 114 });
    expect(spots[1]).toMatchObject({ anchor: "middle", y: 119 });
    expect(spots[2]).toBeNull();
    expect(intersects(spots[0]!, spots[1]!)).toBe(false);
  });

  it("keeps labels inside the view", () => {
    const [spot] = placeLabels([{ x: 390, y: 10, r: 5, w: 60, h: 16 }], [], 400, 300);
    expect(spot).not.toBeNull();
    expect(spot!.x + spot!.w).toBeLessThanOrEqual(399);
    expect(spot!.x).toBeGreaterThanOrEqual(1);
  });
});
