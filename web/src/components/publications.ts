// A person's publications, paged and sorted by the API (GET /api/v1/people/{id}/publications):
// each with its title, DOI link, year, venue, citation count, the person's authorship
// (position, corresponding author), the co-authors in the graph and the sources.

import { getJSON, isAbort } from "../lib/api";
import { extLink, h, replace, uid } from "../lib/dom";
import { plural } from "../lib/labels";
import type { Publication, PublicationPage } from "../lib/types";
import { empty, entityLink, errorBox, loading, sourceLinks } from "./common";
import { reportButton } from "./reporterror";

type Sort = "year" | "cited" | "title";
const SORTS: [Sort, string][] = [["year", "Newest first"], ["cited", "Most cited"], ["title", "Title (A–Z)"]];
const PAGE = 10;

/** The "Publications" section of a person's profile; count is the profile's publicationCount. */
export function publicationsSection(personId: string, signal: AbortSignal, count?: number): HTMLElement {
  const st = { sort: "year" as Sort, offset: 0 };
  const titleId = uid("pubs-title");
  const title = h("h2", { id: titleId }, count ? `Publications (${count})` : "Publications");
  const body = h("div", { "aria-live": "polite" }, loading("Loading publications"));
  const sortId = uid("pubs-sort");
  const sortSel = h("select", {
    id: sortId, name: "publicationSort",
    onchange: () => { st.sort = sortSel.value as Sort; st.offset = 0; void load(); },
  }, ...SORTS.map(([k, label]) => h("option", { value: k, selected: k === st.sort }, label)));
  const prev = h("button", { type: "button", class: "btn", disabled: true, onclick: () => { st.offset = Math.max(0, st.offset - PAGE); void load(); } }, "‹ Previous");
  const next = h("button", { type: "button", class: "btn", disabled: true, onclick: () => { st.offset += PAGE; void load(); } }, "Next ›");
  const status = h("span", { "aria-live": "polite" });
  const pager = h("nav", { class: "pager", "aria-label": "Publication pages", style: "display: none" }, prev, status, next);
  const tools = h("div", { class: "results-tools", style: "display: none" },
    h("div", { class: "field field-inline" }, h("label", { for: sortId, class: "field-label" }, "Sort"), sortSel));

  let ctrl: AbortController | undefined;
  signal.addEventListener("abort", () => ctrl?.abort(), { once: true });
  async function load(): Promise<void> {
    ctrl?.abort();
    ctrl = new AbortController();
    body.setAttribute("aria-busy", "true");
    try {
      const res = await getJSON<PublicationPage>(`/api/v1/people/${encodeURIComponent(personId)}/publications`,
        { sort: st.sort, limit: PAGE, offset: st.offset }, ctrl.signal);
      render(res);
    } catch (err) {
      if (isAbort(err)) return;
      replace(body, errorBox(err, () => void load()));
    } finally {
      body.setAttribute("aria-busy", "false");
    }
  }

  function render(res: PublicationPage): void {
    const list = res.publications ?? [];
    title.textContent = `Publications (${res.total})`;
    // Shown only when they can do something (CSS gives both display: flex, which beats hidden).
    tools.style.display = res.total < 2 ? "none" : "";
    pager.style.display = res.total <= PAGE ? "none" : "";
    if (!list.length) {
      replace(body, empty(res.total ? "No publications on this page." : "No publications on record."));
      return;
    }
    const from = res.offset + 1;
    const to = res.offset + list.length;
    status.textContent = `${from}–${to} of ${res.total}`;
    prev.disabled = res.offset === 0;
    next.disabled = to >= res.total;
    replace(body, h("ol", { class: "fact-list publications", start: from, "aria-labelledby": titleId }, ...list.map((p) => item(p, personId))));
  }

  void load();
  return h("section", { class: "card", id: "publications", "aria-labelledby": titleId }, title, tools, body, pager);
}

/** One publication: the title, then what is known of it and of the authorship, its DOI link,
 * co-authors and sources, and the Report action of every profile fact. */
function item(p: Publication, personId: string): HTMLElement {
  const meta = [p.year ? String(p.year) : "", p.venue ?? "", p.workType ?? "",
    p.citedBy != null ? `cited by ${p.citedBy}` : ""].filter(Boolean);
  const authorship = [p.position ? `author ${p.position}` : "", p.role ?? "", p.corresponding ? "corresponding author" : ""].filter(Boolean);
  const more = p.coauthorCount - (p.coauthors?.length ?? 0);
  return h("li", { class: "publication" },
    h("div", { class: "fact-main" }, h("cite", null, p.title), p.retracted ? h("span", { class: "badge" }, " retracted") : null),
    meta.length ? h("p", { class: "small muted" }, meta.join(" · ")) : null,
    p.doi ? h("p", { class: "small" }, "DOI: ", extLink(p.url || `https://doi.org/${p.doi}`, p.doi)) : null,
    authorship.length ? h("p", { class: "small" }, authorship.join(", ")) : null,
    p.coauthors?.length ? h("p", { class: "small" }, h("span", { class: "muted" }, "With "),
      ...p.coauthors.flatMap((c, i) => [i ? ", " : null, entityLink({ id: c.id, name: c.name, kind: "person" })]),
      more > 0 ? ` and ${plural(more, "more co-author")}` : null) : null,
    sourceLinks(p.sources), " ", reportButton(personId, `Publications: ${p.title}${p.year ? ` (${p.year})` : ""}`),
  );
}
