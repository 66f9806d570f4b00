// A timeline of dated facts (affiliations, partnerships, events): one row each, a bar from
// start to end, an open bar for what is still going on, a dot for a single date. Undated
// facts are listed beneath, so nothing is hidden.

import { h, type Child } from "../lib/dom";
import { fmtDate, fmtSpan } from "../lib/labels";

export interface TimelineItem {
  label: Child;
  /** What kind of fact, for colour: affiliation, partnership, event. */
  group: string;
  start?: string;
  end?: string;
  /** A single date: "as of" or the only date known. */
  at?: string;
  /** Still going on when no end is known. */
  ongoing?: boolean;
  detail?: string;
}

/** A date string of any precision as a fractional year: "2022-07" -> 2022.5. */
export function yearOf(d: string): number {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(d);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = m[2] ? Number(m[2]) - 1 : 0;
  const day = m[3] ? Number(m[3]) - 1 : 0;
  return y + mo / 12 + day / 365;
}

export function timeline(items: TimelineItem[], title = "Timeline"): HTMLElement {
  const dated = items.filter((i) => i.start || i.end || i.at);
  const undated = items.filter((i) => !(i.start || i.end || i.at));
  const now = new Date().getFullYear() + new Date().getMonth() / 12;
  if (dated.length === 0) {
    return h("div", { class: "timeline" },
      h("p", { class: "muted" }, "No dated facts yet."),
      undatedList(undated));
  }
  const points = dated.flatMap((i) => [i.start, i.end, i.at].filter(Boolean).map((d) => yearOf(d!)));
  if (dated.some((i) => i.ongoing)) points.push(now);
  let min = Math.floor(Math.min(...points));
  let max = Math.ceil(Math.max(...points)) + 1;
  if (max - min < 4) {
    min -= 2;
    max += 1;
  }
  // Planned ends and "ongoing" must not stretch the axis into years that have not come yet.
  const lastYear = new Date().getFullYear();
  if (max > lastYear + 1) max = Math.max(lastYear + 1, min + 2);
  const span = max - min;
  const pct = (y: number) => `${(((y - min) / span) * 100).toFixed(2)}%`;
  const step = span > 30 ? 10 : span > 12 ? 5 : span > 6 ? 2 : 1;
  const ticks: number[] = [];
  for (let y = Math.ceil(min / step) * step; y <= Math.min(max, lastYear); y += step) ticks.push(y);

  dated.sort((a, b) => yearOf(a.start ?? a.at ?? a.end!) - yearOf(b.start ?? b.at ?? b.end!));
  const rows = dated.map((i) => {
    const from = Math.min(max, i.start ? yearOf(i.start) : i.at ? yearOf(i.at) : yearOf(i.end!));
    const rawTo = i.end ? yearOf(i.end) + (i.end.length === 4 ? 1 : 1 / 12) : i.ongoing ? now : null;
    const to = rawTo === null ? null : Math.min(max, rawTo);
    const when = i.at && !i.start ? `as of ${fmtDate(i.at)}` : fmtSpan(i.start, i.end) + (i.ongoing && !i.end ? " (ongoing)" : "");
    const mark = to !== null && to > from
      ? h("span", { class: `tl-bar tl-${i.group}${i.ongoing && !i.end ? " tl-open" : ""}`, style: { left: pct(from), width: `calc(${pct(to)} - ${pct(from)})` } })
      : h("span", { class: `tl-dot tl-${i.group}`, style: { left: pct(from) } });
    return h("li", { class: "tl-row" },
      h("div", { class: "tl-label" }, i.label, h("span", { class: "muted small" }, ` ${when}`), i.detail ? h("span", { class: "muted small" }, ` · ${i.detail}`) : null),
      h("div", { class: "tl-track", "aria-hidden": "true" }, mark),
    );
  });
  return h("figure", { class: "timeline" },
    h("figcaption", { class: "sr-only" }, title),
    h("div", { class: "tl-axis", "aria-hidden": "true" },
      h("div", { class: "tl-label" }),
      h("div", { class: "tl-track" }, ...ticks.map((t) => h("span", { class: "tl-tick", style: { left: pct(t) } }, String(t)))),
    ),
    h("ol", { class: "tl-rows" }, ...rows),
    undatedList(undated),
  );
}

function undatedList(items: TimelineItem[]): HTMLElement | null {
  if (items.length === 0) return null;
  return h("details", { class: "tl-undated" },
    h("summary", null, `${items.length} undated`),
    h("ul", null, ...items.map((i) => h("li", null, i.label, i.detail ? h("span", { class: "muted small" }, ` · ${i.detail}`) : null))));
}
