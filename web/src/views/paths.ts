// "How are we connected?": two people or organizations, and the shortest chains of sourced
// facts between them, each hop with its evidence.

import { getJSON, isAbort, kindOfId } from "../lib/api";
import { extLink, h, replace, uid } from "../lib/dom";
import { countryName, word } from "../lib/labels";
import { setQuery, type Route } from "../lib/router";
import type { GNode, Hop, PathResult, SearchResult } from "../lib/types";
import { combobox } from "../components/combobox";
import { reportButton } from "../components/reporterror";
import { announceView, empty, entityLink, errorBox, kindBadge, loading, sourceLinks, uncertainMark } from "../components/common";

interface State {
  from: string;
  to: string;
  k: number;
  maxLength: number;
  avoidHubs: boolean;
}

export function pathsView(root: HTMLElement, route: Route, signal: AbortSignal): void {
  const p = route.params;
  const st: State = {
    from: p.get("from") ?? "",
    to: p.get("to") ?? "",
    k: clamp(Number(p.get("k")) || 3, 1, 10),
    maxLength: clamp(Number(p.get("maxLength")) || 4, 1, 6),
    avoidHubs: p.get("avoidHubs") === "true",
  };
  const heading = h("h1", null, "How are we connected?");
  const out = h("div", { class: "results", "aria-live": "polite" });

  const picker = (label: string, key: "from" | "to") => {
    const c = combobox({
      label, name: key, kinds: ["person", "organization"], placeholder: "Type a name: person or organization",
      onSelect: (n) => {
        c.setValue(n.name);
        st[key] = n.id;
        chosen[key] = n;
        sync(true);
      },
      onSubmit: async (text) => {
        // Enter without a pick takes the best match.
        if (!text) return;
        let n: GNode | undefined;
        try {
          const res = await getJSON<SearchResult>("/api/v1/search", { q: text, kind: ["person", "organization"], limit: 1 });
          n = res.results?.[0];
        } catch (err) {
          replace(out, errorBox(err));
          return;
        }
        if (!n) {
          replace(out, empty(`Nothing called “${text}”.`, h("p", null, "Try another spelling, or pick from the suggestions.")));
          return;
        }
        c.setValue(n.name);
        st[key] = n.id;
        chosen[key] = n;
        sync(true);
      },
    });
    return c;
  };
  const chosen: Record<"from" | "to", GNode | null> = { from: null, to: null };
  const fromBox = picker("From", "from");
  const toBox = picker("To", "to");

  const kId = uid("k");
  const lenId = uid("len");
  const hubsId = uid("hubs");
  const kSel = h("select", { id: kId, onchange: () => { st.k = Number(kSel.value); sync(true); } },
    ...[1, 3, 5, 10].map((n) => h("option", { value: String(n), selected: n === st.k }, String(n))));
  const lenSel = h("select", { id: lenId, onchange: () => { st.maxLength = Number(lenSel.value); sync(true); } },
    ...[2, 3, 4, 5, 6].map((n) => h("option", { value: String(n), selected: n === st.maxLength }, `${n} hops`)));
  const hubs = h("input", { id: hubsId, type: "checkbox", checked: st.avoidHubs, onchange: () => { st.avoidHubs = hubs.checked; sync(true); } });
  const swap = h("button", {
    type: "button", class: "btn", "aria-label": "Swap from and to",
    onclick: () => {
      [st.from, st.to] = [st.to, st.from];
      [chosen.from, chosen.to] = [chosen.to, chosen.from];
      fromBox.setValue(chosen.from?.name ?? "");
      toBox.setValue(chosen.to?.name ?? "");
      sync(true);
    },
  }, "⇄ Swap");

  replace(root,
    h("div", { class: "page-head" }, heading,
      h("p", { class: "lead" }, "Pick two people or organizations. CryoGraph finds the shortest chains of facts between them; every hop shows its evidence.")),
    h("form", { class: "card path-form", onsubmit: (e: Event) => e.preventDefault(), "aria-label": "Choose two entities" },
      h("div", { class: "path-pickers" }, fromBox.el, swap, toBox.el),
      h("div", { class: "path-options" },
        h("div", { class: "field" }, h("label", { for: kId, class: "field-label" }, "Paths"), kSel),
        h("div", { class: "field" }, h("label", { for: lenId, class: "field-label" }, "At most"), lenSel),
        h("div", { class: "field field-check" }, hubs, h("label", { for: hubsId }, "Avoid hubs (big societies and groups that connect everyone)")),
      )),
    out,
  );
  announceView("How are we connected?", heading);

  // Names for ids that came in the URL.
  const resolveName = async (key: "from" | "to", box: typeof fromBox) => {
    if (!st[key]) return;
    box.setValue(st[key]);
    try {
      const kind = kindOfId(st[key]);
      if (kind !== "person" && kind !== "organization") return;
      const api = { person: "people", organization: "organizations" }[kind];
      const prof = await getJSON<{ entity: { name?: string } }>(`/api/v1/${api}/${encodeURIComponent(st[key])}`, undefined, signal);
      if (prof.entity.name) {
        box.setValue(prof.entity.name);
        chosen[key] = { id: st[key], name: prof.entity.name, kind };
      }
    } catch {
      /* the paths call reports unknown ids */
    }
  };
  void resolveName("from", fromBox);
  void resolveName("to", toBox);

  let ctrl: AbortController | null = null;
  signal.addEventListener("abort", () => ctrl?.abort(), { once: true });
  function sync(push: boolean) {
    setQuery({ from: st.from, to: st.to, k: st.k !== 3 ? st.k : undefined, maxLength: st.maxLength !== 4 ? st.maxLength : undefined, avoidHubs: st.avoidHubs }, push);
    void run();
  }

  async function run() {
    ctrl?.abort();
    if (!st.from || !st.to) {
      replace(out, empty("Choose both ends.", h("p", null, "For example Xu Yi and Zhao Gang, or a university and a company.")));
      return;
    }
    if (st.from === st.to) {
      replace(out, empty("Pick two different entities."));
      return;
    }
    ctrl = new AbortController();
    replace(out, loading("Looking for connections"));
    try {
      const res = await getJSON<PathResult>("/api/v1/paths", { from: st.from, to: st.to, k: st.k, maxLength: st.maxLength, avoidHubs: st.avoidHubs || undefined }, ctrl.signal);
      replace(out, renderPaths(res, st.maxLength));
    } catch (err) {
      if (isAbort(err)) return;
      replace(out, errorBox(err, () => void run()));
    }
  }
  void run();
}

function renderPaths(res: PathResult, maxLength: number): HTMLElement {
  const paths = res.paths ?? [];
  const title = h("h2", { id: "paths-title" },
    paths.length ? `${paths.length} ${paths.length === 1 ? "connection" : "connections"} between ` : "No connection found between ",
    entityLink(res.from), " and ", entityLink(res.to));
  if (!paths.length) {
    return h("div", null, title, empty(`Nothing within ${maxLength} hops.`, h("p", null, "Allow longer paths, or turn off “avoid hubs”.")));
  }
  return h("div", null, title,
    h("ol", { class: "paths", "aria-labelledby": "paths-title" }, ...paths.map((p, i) => h("li", { class: "card path" },
      h("h3", null, `Connection ${i + 1}: ${p.length} ${p.length === 1 ? "hop" : "hops"}`),
      h("ol", { class: "hops" }, ...p.hops.map(hopItem)),
    ))),
  );
}

function hopItem(hop: Hop, i: number): HTMLElement {
  // The fact as a sentence, subject first, whichever way the path walks it.
  const [subj, obj] = hop.forward ? [hop.from, hop.to] : [hop.to, hop.from];
  const qual = hop.title || hop.role;
  const sentence = hop.label ? `${subj.name} ${hop.label}` : `${subj.name} ${word(hop.rel)} ${obj.name}${qual ? ` (${qual})` : ""}`;
  return h("li", { class: "hop" },
    i === 0 ? h("div", { class: "hop-node" }, nodeChip(hop.from)) : null,
    h("div", { class: "hop-edge" },
      h("span", { class: "hop-rel" }, sentence),
      hop.work?.doi ? [" ", extLink(hop.work.url || `https://doi.org/${hop.work.doi}`, `doi:${hop.work.doi}`)] : null,
      hop.uncertain ? [" ", uncertainMark(hop.note)] : null,
      h("div", { class: "hop-evidence" }, sourceLinks(hop.evidence) ?? h("span", { class: "muted small" }, "no source recorded"),
        " ", reportButton(subj.id, sentence))),
    h("div", { class: "hop-node" }, nodeChip(hop.to)),
  );
}

function nodeChip(n: GNode): HTMLElement {
  return h("span", { class: "node-chip" }, entityLink(n), " ", kindBadge(n.kind, n.type),
    n.country ? h("span", { class: "muted small" }, ` ${countryName(n.country)}`) : null);
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
