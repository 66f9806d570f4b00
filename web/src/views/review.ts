// Readers' reports: the status page a reporter follows (/reports/:id, anyone) and the editors'
// review queue (/review). Report text is shown as text only (lib/dom's h never parses HTML).

import { ApiError, getJSON, isAbort, kindOfId, postJSON, profilePath } from "../lib/api";
import { extLink, h, replace } from "../lib/dom";
import { fmtDate } from "../lib/labels";
import type { Route } from "../lib/router";
import type { components } from "../lib/api-types.gen";
import { announceView, empty, errorBox, loading } from "../components/common";

type Report = components["schemas"]["Report"];
interface ReportList { reports: Report[]; total: number; limit: number; offset: number }

const statusWords: Record<string, string> = {
  open: "Open: waiting for an editor", accepted: "Accepted", rejected: "Rejected", duplicate: "Closed as a duplicate",
};

function subjectLink(r: Report): HTMLElement {
  const href = profilePath(r.subjectKind, r.subject) ?? profilePath(kindOfId(r.subject), r.subject);
  const name = r.subjectName || r.subject;
  return href ? h("a", { href }, name) : h("span", null, name);
}

function details(r: Report, editor: boolean): HTMLElement {
  const row = (dt: string, dd: Node | string | null | undefined) => (dd ? [h("dt", null, dt), h("dd", null, dd)] : null);
  return h("dl", { class: "report-details" },
    row("About", subjectLink(r)),
    row("Fact", r.fact),
    row("What is wrong", h("span", { class: "report-text" }, r.what)),
    row("Correction", r.correction ? h("span", { class: "report-text" }, r.correction) : null),
    row("Evidence", r.evidence ? extLink(r.evidence, r.evidence) : null),
    editor ? row("Contact", r.contact) : null,
    row("Sent", fmtDate(r.created.slice(0, 10))),
    r.status !== "open" ? row("Decided", `${fmtDate(r.updated.slice(0, 10))}${r.resolvedBy ? ` by ${r.resolvedBy}` : ""}`) : null,
    row("Reason", r.reason ? h("span", { class: "report-text" }, r.reason) : null),
    row("Duplicate of", r.duplicateOf ? h("a", { href: `/reports/${encodeURIComponent(r.duplicateOf)}` }, r.duplicateOf) : null),
    row("Change", r.changeset),
  );
}

/** /reports/:id: the status of one report. */
export function reportStatusView(root: HTMLElement, route: Route, signal: AbortSignal): void {
  const heading = h("h1", null, "Your report");
  replace(root, h("div", { class: "page narrow" }, heading, loading("Loading the report")));
  announceView("Report", heading);
  getJSON<Report>(`/api/v1/reports/${encodeURIComponent(route.id ?? "")}`, undefined, signal)
    .then((r) => {
      replace(root, h("div", { class: "page narrow" }, heading,
        h("section", { class: "card" },
          h("p", { class: `report-status status-${r.status}` }, statusWords[r.status] ?? r.status),
          details(r, false))));
    })
    .catch((err) => {
      if (isAbort(err)) return;
      replace(root, h("div", { class: "page narrow" }, heading, errorBox(err)));
    });
}

/** /review: the editors' queue of reports. */
export function reviewView(root: HTMLElement, route: Route, signal: AbortSignal): void {
  const heading = h("h1", null, "Review reports");
  const status = route.params.get("status") || "open";
  const list = h("div", { "aria-live": "polite" }, loading("Loading reports"));
  const filter = h("nav", { class: "review-filter", "aria-label": "Report status" },
    ...["open", "accepted", "rejected", "duplicate", "all"].map((s) =>
      h("a", { href: `/review?status=${s}`, "aria-current": s === status ? "page" : undefined, class: "chip" }, s)));
  const add = h("p", { class: "muted" }, "Add: ",
    ...[["person", "a person"], ["organization", "an organization"], ["partnership", "a partnership"], ["link", "an affiliation or other link"]]
      .flatMap(([k, label], i) => [i ? " · " : null, h("a", { href: `/edit?new=${k}` }, label)]));
  replace(root, h("div", { class: "page narrow" }, heading, add, filter, list));
  announceView("Review reports", heading);

  const load = () => getJSON<ReportList>("/api/v1/reports", { status, limit: 50 }, signal)
    .then((res) => {
      if (res.reports.length === 0) {
        replace(list, empty(status === "open" ? "No open reports." : `No ${status} reports.`));
        return;
      }
      replace(list, h("p", { class: "muted" }, `${res.total} report${res.total === 1 ? "" : "s"}`),
        h("ul", { class: "report-list" }, ...res.reports.map((r) => h("li", { class: "card" }, details(r, true),
          r.status === "open" ? actions(r, load) : h("p", { class: `report-status status-${r.status}` }, statusWords[r.status])))));
    })
    .catch((err) => {
      if (isAbort(err)) return;
      replace(list, errorBox(err, load));
    });
  void load();
}

function actions(r: Report, reload: () => void): HTMLElement {
  const msg = h("p", { class: "form-error", role: "alert", hidden: true });
  const decide = async (action: string, body: Record<string, string>) => {
    try {
      await postJSON(`/api/v1/reports/${encodeURIComponent(r.id)}/${action}`, body);
      reload();
    } catch (err) {
      msg.textContent = err instanceof ApiError ? err.message : String(err);
      msg.hidden = false;
    }
  };
  const reason = h("input", { type: "text", "aria-label": "Reason (the reporter reads it)", placeholder: "Reason (the reporter reads it)" });
  const dup = h("input", { type: "text", "aria-label": "Report id this one repeats", placeholder: "rep_…" });
  // Accepting opens the edit form on the fact's entity, with the correction beside it; saving
  // the change accepts the report and names the change.
  const editable = ["person", "organization", "partnership"].includes(r.subjectKind);
  return h("div", { class: "review-actions" },
    editable
      ? h("div", { class: "inline-form" }, h("a", { class: "btn btn-primary", href: `/edit?id=${encodeURIComponent(r.subject)}&report=${encodeURIComponent(r.id)}` }, "Accept: correct it"))
      : h("div", { class: "inline-form" },
        h("button", { type: "button", class: "btn btn-primary", onclick: () => decide("accept", {}) }, "Accept")),
    h("div", { class: "inline-form" }, reason,
      h("button", { type: "button", class: "btn", onclick: () => decide("reject", { reason: reason.value }) }, "Reject")),
    h("div", { class: "inline-form" }, dup,
      h("button", { type: "button", class: "btn", onclick: () => decide("duplicate", { duplicateOf: dup.value }) }, "Duplicate")),
    msg);
}
