// An event's page: what, when and where, who took part (with their roles and sources), its
// topics, the partnerships it resulted in, and every source.

import { getJSON, isAbort } from "../lib/api";
import { h, replace } from "../lib/dom";
import { Word, countryName, fmtDate } from "../lib/labels";
import type { Route } from "../lib/router";
import { pageAPI, type EventPage } from "../lib/pages";
import { announceView, entityLink, errorBox, kindBadge, loading, section, uncertainMark } from "../components/common";
import { factList, indexOf, linkList, pageSources, partyList, sourceRefs } from "./pagecommon";

export function eventView(root: HTMLElement, route: Route, signal: AbortSignal): void {
  const id = route.id!;
  replace(root, loading("Loading the event"));
  const load = async () => {
    try {
      render(root, await getJSON<EventPage>(pageAPI("event", id), undefined, signal));
    } catch (err) {
      if (isAbort(err)) return;
      replace(root, errorBox(err, () => void load()));
      announceView("Event not available");
    }
  };
  void load();
}

function render(root: HTMLElement, e: EventPage) {
  const { index, byId } = indexOf(e.sources);
  const heading = h("h1", null, e.name || e.id);
  const when = [fmtDate(e.start), fmtDate(e.end)].filter(Boolean).join(" – ") || "undated";
  replace(root,
    h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: "/map" }, "Partnership map"), " › ", "Event"),
    h("header", { class: "profile-head" },
      h("div", null, heading,
        h("p", { class: "profile-kind" }, kindBadge("event", e.kind), h("span", null, when),
          e.country ? h("span", null, countryName(e.country)) : null, e.uncertain ? uncertainMark(e.note) : null))),
    section("About",
      factList([
        ["Kind", Word(e.kind)],
        ["When", when],
        ["Place", e.place ?? ""],
        ["Country", e.country ? countryName(e.country) : ""],
        ["Also called", (e.aliases ?? []).join("; ")],
        ["Description", e.description ?? ""],
        ["Note", e.note ?? ""],
        ["Sources", sourceRefs(e.entitySources, index, byId)],
      ])),
    section(`Participants (${e.participants.length})`, partyList(e.participants, index, byId, "Participants")),
    section("Topics", e.topics.length ? h("ul", { class: "node-list inline-list" }, ...e.topics.map((t) => h("li", null, entityLink(t)))) : h("p", { class: "muted" }, "None recorded.")),
    section("Resulted in", linkList(e.resultedIn, index, byId, "Partnerships it resulted in")),
    section(`Sources (${e.sources.length})`, pageSources(e.sources)),
  );
  announceView(e.name || "Event", heading);
}
