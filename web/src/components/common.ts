// Small pieces every view uses: loading, empty and error states, entity links, source links.

import { ApiError, profilePath } from "../lib/api";
import { h, extLink, type Child } from "../lib/dom";
import { kindColor, word, fmtDate } from "../lib/labels";
import type { GNode, Source } from "../lib/types";
import { openLogin } from "./login";

export function loading(what = "Loading"): HTMLElement {
  return h("div", { class: "state state-loading", role: "status", "aria-live": "polite" },
    h("span", { class: "spinner", "aria-hidden": "true" }), `${what}…`);
}

export function empty(title: string, ...body: Child[]): HTMLElement {
  return h("div", { class: "state state-empty" }, h("p", { class: "state-title" }, title), ...body);
}

/** The API's error.message, with a way to sign in when the answer was 401 or 403. */
export function errorBox(err: unknown, retry?: () => void): HTMLElement {
  const e = err instanceof ApiError ? err : null;
  const msg = e ? e.message : err instanceof Error ? err.message : String(err);
  return h("div", { class: "state state-error", role: "alert" },
    h("p", { class: "state-title" }, e?.status === 404 ? "Not found" : e?.needsLogin ? "Sign-in needed" : "Something went wrong"),
    h("p", null, msg),
    e?.field ? h("p", { class: "muted" }, `Field: ${e.field}`) : null,
    e?.requestId ? h("p", { class: "muted small" }, `Request id ${e.requestId}`) : null,
    h("div", { class: "actions" },
      // Signing in shows the view again (main.ts), which retries; the console stays and retries here.
      e?.needsLogin ? h("button", { type: "button", class: "btn btn-primary", onclick: () => openLogin(inConsole() ? retry : undefined) }, "Sign in with a token") : null,
      retry && !e?.needsLogin ? h("button", { type: "button", class: "btn", onclick: retry }, "Try again") : null,
    ),
  );
}

function inConsole(): boolean {
  return document.getElementById("main")?.dataset.view === "console";
}

export function kindBadge(kind: string, type?: string): HTMLElement {
  return h("span", { class: `badge badge-${kind}`, style: { borderColor: kindColor(kind), color: kindColor(kind) } },
    type ? word(type) : word(kind));
}

/** A link to an entity's profile when it has one, else its name. */
export function entityLink(n: Pick<GNode, "id" | "name" | "kind">, opts: { badge?: boolean; type?: string } = {}): HTMLElement {
  const href = profilePath(n.kind, n.id);
  const name = n.name || n.id;
  const label = href ? h("a", { href, class: "entity" }, name) : h("span", { class: "entity" }, name);
  if (!opts.badge) return label;
  return h("span", { class: "entity-with-badge" }, label, " ", kindBadge(n.kind, opts.type));
}

/** The sources of a fact as numbered links; ids are looked up in the profile's sources. */
export function sourceLinks(sources: (Source | string)[] | null | undefined, byId?: Map<string, Source>): HTMLElement | null {
  if (!sources || sources.length === 0) return null;
  const items = sources.map((s) => (typeof s === "string" ? byId?.get(s) ?? { id: s, url: "", title: s } : s));
  return h("span", { class: "sources" },
    h("span", { class: "sources-label" }, items.length === 1 ? "Source: " : "Sources: "),
    ...items.map((s, i) => [
      i > 0 ? ", " : null,
      s.url ? extLink(s.url, sourceTitle(s)) : h("span", null, sourceTitle(s)),
    ]),
  );
}

export function sourceTitle(s: Source): string {
  const t = s.title || s.url || s.id;
  return s.publisher && !t.includes(s.publisher) ? `${t} (${s.publisher})` : t;
}

/** One source as a list item with publisher and date. */
export function sourceItem(s: Source): HTMLElement {
  return h("li", { class: "source" },
    s.url ? extLink(s.url, s.title || s.url) : h("span", null, s.title || s.id),
    h("span", { class: "muted" }, [s.publisher, fmtDate(s.published)].filter(Boolean).join(" · ") ? ` — ${[s.publisher, fmtDate(s.published)].filter(Boolean).join(" · ")}` : ""),
  );
}

export function uncertainMark(note?: string): HTMLElement {
  return h("span", { class: "uncertain", title: note || "marked uncertain by the curators" }, "uncertain");
}

/** Sets the page title and moves focus to the view's heading, for screen-reader users. */
let firstView = true;

export function announceView(title: string, heading?: HTMLElement | null): void {
  document.title = `${title} · CryoGraph`;
  // On a page load the browser starts at the top anyway; after a navigation inside the app,
  // focus moves to the new view's heading so screen readers announce it.
  if (firstView) {
    firstView = false;
    return;
  }
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

export function section(title: string, ...children: Child[]): HTMLElement {
  return h("section", { class: "card" }, h("h2", null, title), ...children);
}
