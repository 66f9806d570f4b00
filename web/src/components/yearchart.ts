// Partnerships per year, stacked by type. Each year is a button: it sets the map's "as of".

import { h, s } from "../lib/dom";
import { partnershipColor, plural, word } from "../lib/labels";
import type { YearCount } from "../lib/types";

export function yearChart(years: YearCount[], selectedYear: string | null, onPick: (year: string) => void, width = 640): HTMLElement {
  const data = years.filter((y) => /^\d{4}$/.test(y.year)).sort((a, b) => a.year.localeCompare(b.year));
  if (!data.length) return h("p", { class: "muted small" }, "No dated partnerships for these filters.");
  // Fill the gaps so the axis is even.
  const first = Number(data[0].year);
  const last = Number(data[data.length - 1].year);
  const byYear = new Map(data.map((d) => [d.year, d]));
  const all: YearCount[] = [];
  for (let y = first; y <= last; y++) all.push(byYear.get(String(y)) ?? { year: String(y), count: 0, byType: {} });
  const W = Math.max(320, Math.round(width));
  const H = 120;
  const pad = { l: 24, r: 8, t: 8, b: 20 };
  const max = Math.max(1, ...all.map((d) => d.count));
  // Bars no wider than 48px, centred, so a few years do not look like a wall.
  const bw = Math.min(48, (W - pad.l - pad.r) / all.length);
  const x0 = pad.l + (W - pad.l - pad.r - bw * all.length) / 2;
  const y = (v: number) => pad.t + (H - pad.t - pad.b) * (1 - v / max);
  const types = [...new Set(all.flatMap((d) => Object.keys(d.byType ?? {})))];
  const labelEvery = Math.ceil(all.length / Math.max(4, Math.floor((W - pad.l - pad.r) / 44)));

  const bars = all.map((d, i) => {
    let acc = 0;
    const x = x0 + i * bw;
    const rects = types.filter((t) => d.byType?.[t]).map((t) => {
      const v = d.byType[t];
      const r = s("rect", { x: (x + 1).toFixed(1), width: Math.max(1, bw - 2).toFixed(1), y: y(acc + v).toFixed(1), height: (y(acc) - y(acc + v)).toFixed(1), fill: partnershipColor(t) });
      acc += v;
      return r;
    });
    const sel = d.year === selectedYear;
    const desc = `${d.year}: ${plural(d.count, "partnership")}${d.count ? ` (${Object.entries(d.byType ?? {}).map(([t, n]) => `${n} ${word(t)}`).join(", ")})` : ""}`;
    const g = s("g", { class: `yc-year${sel ? " selected" : ""}`, tabindex: 0, role: "button", "aria-pressed": String(sel), "aria-label": `${desc}. Show the map as of ${d.year}.` },
      s("title", null, desc),
      s("rect", { x: x.toFixed(1), y: pad.t, width: bw.toFixed(1), height: H - pad.t - pad.b, fill: sel ? "#fef3c7" : "transparent" }),
      ...rects,
      i % labelEvery === 0 ? s("text", { x: (x + bw / 2).toFixed(1), y: H - 6, "text-anchor": "middle", "font-size": 10, fill: "#475569" }, d.year) : null,
    );
    g.addEventListener("click", () => onPick(d.year));
    g.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        onPick(d.year);
      }
    });
    return g;
  });
  return h("div", { class: "year-chart" },
    s("svg", { viewBox: `0 0 ${W} ${H}`, role: "group", "aria-label": "Partnerships per year" },
      s("line", { x1: x0, x2: x0 + bw * all.length, y1: H - pad.b, y2: H - pad.b, stroke: "#cbd5e1" }),
      s("text", { x: x0 - 4, y: pad.t + 8, "font-size": 10, fill: "#475569", "text-anchor": "end" }, String(max)),
      ...bars));
}
