// Search as you type over GET /api/v1/search, as an ARIA 1.2 combobox: arrow keys move through
// the suggestions, Enter picks one (or submits the text as typed), Escape closes the list.

import { getJSON, isAbort, ApiError } from "../lib/api";
import { h, uid, debounce } from "../lib/dom";
import { countryName } from "../lib/labels";
import type { GNode, SearchResult } from "../lib/types";
import { kindBadge } from "./common";

export interface ComboOptions {
  label: string;
  placeholder?: string;
  /** Restrict suggestions to these kinds (person, organization, topic, event, partnership). */
  kinds?: string[];
  value?: string;
  hideLabel?: boolean;
  /** A testable name for the input. */
  name?: string;
  onSelect(n: GNode): void;
  /** Enter without a highlighted suggestion. */
  onSubmit?(text: string): void;
  limit?: number;
}

export interface Combo {
  el: HTMLElement;
  input: HTMLInputElement;
  setValue(v: string): void;
}

export function combobox(o: ComboOptions): Combo {
  const inputId = uid("combo");
  const listId = uid("combo-list");
  const statusId = uid("combo-status");
  const input = h("input", {
    id: inputId, type: "search", name: o.name, role: "combobox", autocomplete: "off", spellcheck: false,
    "aria-autocomplete": "list", "aria-expanded": "false", "aria-controls": listId, placeholder: o.placeholder,
    value: o.value ?? "",
  });
  const list = h("ul", { id: listId, role: "listbox", class: "combo-list", hidden: true, "aria-label": `${o.label} suggestions` });
  const status = h("span", { id: statusId, class: "sr-only", role: "status", "aria-live": "polite" });
  let items: GNode[] = [];
  let active = -1;
  let ctrl: AbortController | null = null;
  let lastQuery = "";

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const setActive = (i: number) => {
    active = i;
    [...list.children].forEach((li, j) => li.setAttribute("aria-selected", String(j === i)));
    if (i >= 0) {
      const li = list.children[i] as HTMLElement;
      input.setAttribute("aria-activedescendant", li.id);
      li.scrollIntoView({ block: "nearest" });
    } else input.removeAttribute("aria-activedescendant");
  };

  const pick = (n: GNode) => {
    close();
    o.onSelect(n);
  };

  const render = () => {
    list.replaceChildren(
      ...items.map((n, i) =>
        h("li", {
          id: `${listId}-${i}`, role: "option", "aria-selected": "false", class: "combo-option",
          onmousedown: (e: Event) => e.preventDefault(), // keep focus in the input
          onclick: () => pick(n),
        },
        h("span", { class: "combo-name" }, n.name),
        h("span", { class: "combo-meta" },
          kindBadge(n.kind, n.kind === "organization" || n.kind === "event" || n.kind === "partnership" ? n.type : undefined),
          n.country ? h("span", { class: "muted small" }, countryName(n.country)) : null,
          matchedAlias(n, lastQuery) ? h("span", { class: "muted small" }, `also “${matchedAlias(n, lastQuery)}”`) : null,
        )),
      ),
    );
    if (items.length === 0) {
      list.appendChild(h("li", { class: "combo-empty", role: "option", "aria-disabled": "true" }, `No matches for “${lastQuery}”`));
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = items.length ? `${items.length} suggestions` : "No suggestions";
    setActive(-1);
  };

  const fetchSuggestions = debounce(async (q: string) => {
    ctrl?.abort();
    if (!q.trim()) {
      close();
      return;
    }
    ctrl = new AbortController();
    try {
      const res = await getJSON<SearchResult>("/api/v1/search", { q, kind: o.kinds, limit: o.limit ?? 8 }, ctrl.signal);
      if (input.value !== q) return;
      lastQuery = q;
      items = res.results ?? [];
      if (document.activeElement === input) render();
    } catch (err) {
      if (isAbort(err)) return;
      items = [];
      list.replaceChildren(h("li", { class: "combo-empty", role: "option", "aria-disabled": "true" },
        err instanceof ApiError ? err.message : "Search failed"));
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  }, 150);

  input.addEventListener("input", () => fetchSuggestions(input.value));
  input.addEventListener("focus", () => {
    if (input.value.trim() && items.length && lastQuery === input.value) render();
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  input.addEventListener("keydown", (e) => {
    const open = !list.hidden && items.length > 0;
    switch (e.key) {
      case "ArrowDown":
        e.preventDefault();
        if (!open) fetchSuggestions(input.value);
        else setActive((active + 1) % items.length);
        break;
      case "ArrowUp":
        if (open) {
          e.preventDefault();
          setActive(active <= 0 ? items.length - 1 : active - 1);
        }
        break;
      case "Enter":
        if (open && active >= 0) {
          e.preventDefault();
          pick(items[active]);
        } else if (o.onSubmit) {
          e.preventDefault();
          fetchSuggestions.cancel();
          ctrl?.abort();
          close();
          o.onSubmit(input.value.trim());
        }
        break;
      case "Escape":
        if (!list.hidden) {
          e.preventDefault();
          close();
        }
        break;
    }
  });

  const el = h("div", { class: "combo" },
    h("label", { for: inputId, class: o.hideLabel ? "sr-only" : "field-label" }, o.label),
    h("div", { class: "combo-box" }, input, list),
    status,
  );
  return {
    el,
    input,
    setValue(v: string) {
      input.value = v;
      items = [];
      close();
    },
  };
}

/** The alias that matched the query, when the name itself did not. */
function matchedAlias(n: GNode, q: string): string | null {
  const ql = q.trim().toLowerCase();
  if (!ql || !n.aliases || n.name.toLowerCase().includes(ql)) return null;
  return n.aliases.find((a) => a.toLowerCase().includes(ql)) ?? null;
}

