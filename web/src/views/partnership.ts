// A partnership's page: what it is, its status and dates, the parties with their roles and
// sources, its topics, the events it came from, and every source.

import { getJSON, isAbort } from "../lib/api";
import { h, replace } from "../lib/dom";
import { Word, fmtDate } from "../lib/labels";
import { hrefWith, type Route } from "../lib/router";
import { pageAPI, type PartnershipPage } from "../lib/pages";
import { reportButton } from "../components/reporterror";
import { historySection } from "../components/history";
import { announceView, entityLink, errorBox, kindBadge, loading, section, uncertainMark } from "../components/common";
import { spanOf } from "../components/evidence";
import { factList, indexOf, linkList, pageSources, partyList, sourceRefs } from "./pagecommon";

export function partnershipView(root: HTMLElement, route: Route, signal: AbortSignal): void {
  const id = route.id!;
  replace(root, loading("Loading the partnership"));
  const load = async () => {
    try {
      render(root, await getJSON<PartnershipPage>(pageAPI("partnership", id), undefined, signal), signal);
    } catch (err) {
      if (isAbort(err)) return;
      replace(root, errorBox(err, () => void load()));
      announceView("Partnership not available");
    }
  };
  void load();
}

function render(root: HTMLElement, p: PartnershipPage, signal: AbortSignal) {
  const { index, byId } = indexOf(p.sources);
  const heading = h("h1", null, p.name || p.id);
  const amount = p.amount !== undefined ? `${new Intl.NumberFormat("en").format(p.amount)} ${p.currency ?? ""}`.trim() : "";
  replace(root,
    h("nav", { class: "crumbs", "aria-label": "Breadcrumb" }, h("a", { href: "/map" }, "Partnership map"), " › ", "Partnership"),
    h("header", { class: "profile-head" },
      h("div", null, heading,
        h("p", { class: "profile-kind" }, kindBadge("partnership", p.kind), h("span", { class: `status status-${p.status}` }, Word(p.status)),
          h("span", null, spanOf(p)), p.uncertain ? uncertainMark(p.note) : null)),
      h("div", { class: "actions" }, h("a", { class: "btn", href: hrefWith("/map", { type: p.kind }) }, "Partnerships of this type on the map"),
        h("a", { class: "btn", href: hrefWith("/edit", { id: p.id }), title: "Editors: correct this partnership" }, "Correct"),
        reportButton(p.id, `Partnership: ${p.name || p.id}`))),
    section("About",
      factList([
        ["Kind", Word(p.kind)],
        ["Status", h("span", null, Word(p.status), h("span", { class: "muted small" }, " (as the graph holds it now; its changes are in the History below)"))],
        ["Start", fmtDate(p.start) || "unknown"],
        ["End", fmtDate(p.end) || (p.start ? "not stated" : "unknown")],
        ["Amount", amount],
        ["Also called", (p.aliases ?? []).join("; ")],
        ["Description", p.description ?? ""],
        ["Note", p.note ?? ""],
        ["Sources", sourceRefs(p.entitySources, index, byId)],
      ])),
    section(`Parties (${p.parties.length})`, partyList(p.parties, index, byId, "Parties")),
    section("Topics", p.topics.length ? h("ul", { class: "node-list inline-list" }, ...p.topics.map((t) => h("li", null, entityLink(t)))) : h("p", { class: "muted" }, "None recorded.")),
    section("Resulted from", linkList(p.resultedFrom, index, byId, "Events it resulted from")),
    historySection("partnership", p.id, signal, (sid) => p.sources.find((s) => s.id === sid)?.title),
    section(`Sources (${p.sources.length})`, pageSources(p.sources)),
  );
  announceView(p.name || "Partnership", heading);
}
