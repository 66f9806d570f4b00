// The History of an entity: every changeset that touched it (loads, ingests, form edits,
// accepted reports, merges, undos), newest first, as sentences: "Affiliation to X added from
// source Y by Z on date". Editors can undo a changeset; a refusal (a later change touched the
// same facts) is shown with the API's message, which names that change.

import { ApiError, getJSON, isAbort, postJSON } from "../lib/api";
import { h, replace } from "../lib/dom";
import { fmtDate, word, Word } from "../lib/labels";
import type { components } from "../lib/api-types.gen";
import { errorBox, loading } from "./common";

type History = components["schemas"]["History"];
type Changeset = components["schemas"]["Changeset"];
type Change = components["schemas"]["Change"];

const segments: Record<string, string> = { person: "people", organization: "organizations", topic: "topics", partnership: "partnerships", event: "events" };

/** The History section of the entity id of kind; loads when opened. */
export function historySection(kind: string, id: string, signal: AbortSignal, sourceName?: (id: string) => string | undefined): HTMLElement | null {
  const seg = segments[kind];
  if (!seg) return null;
  const body = h("div", { "aria-live": "polite" });
  const details = h("details", { class: "card history" },
    h("summary", null, h("h2", { class: "history-title" }, "History")), body);
  const load = async () => {
    replace(body, loading("Loading the history"));
    try {
      const res = await getJSON<History>(`/api/v1/${seg}/${encodeURIComponent(id)}/history`, { limit: 50 }, signal);
      if (!res.changesets.length) {
        replace(body, h("p", { class: "muted" }, "No recorded changes (facts loaded before changes were recorded have none)."));
        return;
      }
      replace(body, h("ol", { class: "history-list" }, ...res.changesets.map((cs) => item(cs, id, load, sourceName))));
    } catch (err) {
      if (!isAbort(err)) replace(body, errorBox(err, () => void load()));
    }
  };
  details.addEventListener("toggle", () => {
    if (details.open && !body.childElementCount) void load();
  });
  return details;
}

function item(cs: Changeset, self: string, reload: () => Promise<void>, sourceName?: (id: string) => string | undefined): HTMLElement {
  const msg = h("p", { class: "form-error", role: "alert", hidden: true });
  const when = fmtDate(cs.at.slice(0, 10));
  const undo = async () => {
    msg.hidden = true;
    try {
      await postJSON(`/api/v1/changesets/${encodeURIComponent(cs.id)}/undo`, { comment: `undo from the history of ${self}` });
      await reload();
    } catch (err) {
      msg.textContent = err instanceof ApiError ? err.message : String(err);
      msg.hidden = false;
    }
  };
  return h("li", { class: "history-item" },
    h("p", null, h("strong", null, word(cs.kind)), ` by ${cs.by}${cs.role ? ` (${cs.role})` : ""} on ${when}`,
      cs.comment ? h("span", { class: "muted" }, ` — ${cs.comment}`) : null),
    h("ul", { class: "history-changes" }, ...(cs.items ?? []).map((c) => h("li", null,
      sentence(c, self, cs.source ? (sourceName?.(cs.source) ? `“${sourceName(cs.source)}”` : cs.source) : undefined)))),
    cs.undoneBy ? h("p", { class: "muted small" }, `Undone by ${cs.undoneBy}${cs.undoneAt ? ` on ${fmtDate(cs.undoneAt.slice(0, 10))}` : ""}`)
      : cs.kind !== "undo" ? h("button", { type: "button", class: "btn btn-small", onclick: () => void undo(), title: "Editors: undo this change" }, "Undo") : null,
    msg);
}

type State = { props?: Record<string, unknown>; sources?: string[] } | null | undefined;

/** The fields that differ between two states (sources included), internal ones left out. */
function changedFields(before: State, after: State): string[] {
  if (!before || !after) return [];
  const a = { ...(before.props ?? {}), sources: before.sources }, b = { ...(after.props ?? {}), sources: after.sources };
  return Object.keys({ ...a, ...b }).filter((k) => !["importHash", "nameLower", "aliasText"].includes(k) &&
    JSON.stringify((a as Record<string, unknown>)[k]) !== JSON.stringify((b as Record<string, unknown>)[k]));
}

/** One change as a sentence: "Affiliated with org:usst (head) added from source src:x". */
function sentence(c: Change, self: string, source?: string): string {
  const before = c.before as State, after = c.after as State;
  const verb = !before ? "added" : !after ? "removed" : "changed";
  const from = source ? ` from source ${source}` : "";
  const changed = changedFields(before, after);
  const fields = changed.length ? ` (${changed.join(", ")})` : "";
  const props = (after ?? before)?.props ?? {};
  if (c.kind === "node") {
    const name = String(props.name ?? props.title ?? c.target);
    return `${c.target === self ? "This entry" : name} ${verb}${fields}${from}`;
  }
  const other = c.from === self ? c.to : c.from;
  const qual = [props.role, props.title].filter(Boolean).join(", ");
  const fact = c.from === self ? `${Word(c.type ?? "link")} ${other}` : `${other} ${word(c.type ?? "link")} this entry`;
  return `${fact}${qual ? ` (${qual})` : ""} ${verb}${fields}${from}`;
}
