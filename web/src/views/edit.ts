// Add or correct a fact (editors): a form over one import-format row. Editing an entity starts
// from its exact row (GET /api/v1/rows/{id}), so fields the form does not show are sent back
// unchanged; the row goes through the loader (POST /api/v1/edits), whose errors are shown on
// the field they concern. Every change needs a reason and a source.

import { ApiError, getJSON, isAbort, postJSON, profilePath, kindOfId } from "../lib/api";
import { h, replace, uid } from "../lib/dom";
import type { Route } from "../lib/router";
import type { components } from "../lib/api-types.gen";
import { announceView, errorBox, loading } from "../components/common";

type Row = Record<string, unknown>;
interface Rows { row: Row | null; links: Row[]; sources: Row[] }
interface FieldErr { row: number; field: string; reason: string }
type Report = components["schemas"]["Report"];

interface Field { name: string; label: string; kind?: "text" | "list" | "select" | "date" | "parties"; options?: string[]; required?: boolean; hint?: string }

const orgKinds = ["university", "school", "department", "lab", "institute", "research_center", "company", "society", "hospital",
  "foundation", "funder", "committee", "government", "healthcare", "nonprofit", "facility", "archive", "consortium", "blood_service", "other"];

/** The fields each kind of row shows; everything else in the row is kept as it is. */
const forms: Record<string, { title: string; fields: Field[] }> = {
  person: { title: "person", fields: [
    { name: "id", label: "Id", required: true, hint: "person:family_given, lower case; it never changes" },
    { name: "name", label: "Name", required: true },
    { name: "aliases", label: "Other names (one per line)", kind: "list" },
    { name: "country", label: "Country (ISO code, e.g. CN)" },
    { name: "orcid", label: "ORCID" },
    { name: "note", label: "Note" },
  ] },
  organization: { title: "organization", fields: [
    { name: "id", label: "Id", required: true, hint: "org:short_name; it never changes" },
    { name: "name", label: "Name", required: true },
    { name: "kind", label: "Kind", kind: "select", options: orgKinds, required: true },
    { name: "aliases", label: "Other names (one per line)", kind: "list" },
    { name: "country", label: "Country (ISO code)" },
    { name: "city", label: "City" },
    { name: "website", label: "Website" },
    { name: "ror", label: "ROR id" },
    { name: "note", label: "Note" },
  ] },
  partnership: { title: "partnership", fields: [
    { name: "id", label: "Id", required: true, hint: "pship:short-name; it never changes" },
    { name: "name", label: "Name", required: true },
    { name: "kind", label: "Kind", kind: "select", required: true, options: ["visit_exchange", "research_cooperation", "cooperation_agreement", "mou", "joint_lab", "expert_committee", "joint_grant", "co_authorship", "supplier", "other"] },
    { name: "status", label: "Status", kind: "select", required: true, options: ["proposed", "agreed", "active", "ended", "unknown"] },
    { name: "start", label: "Start (YYYY, YYYY-MM or YYYY-MM-DD)", kind: "date" },
    { name: "end", label: "End", kind: "date" },
    { name: "parties", label: "Parties, one per line: id; role; lead, co-lead or participant", kind: "parties", required: true, hint: "org:usst; host; lead" },
    { name: "topics", label: "Topics (ids, one per line)", kind: "list", hint: "topic:organ-preservation" },
    { name: "description", label: "Description" },
    { name: "note", label: "Note" },
  ] },
  link: { title: "affiliation or other link", fields: [
    { name: "rel", label: "Kind of link", kind: "select", options: ["AFFILIATED_WITH", "LEADS", "MEMBER_OF", "WORKS_ON", "PART_OF", "PARTICIPATED_IN", "FOUNDED"], required: true },
    { name: "from", label: "From (id)", required: true, hint: "person:… or org:…" },
    { name: "to", label: "To (id)", required: true, hint: "org:…, topic:… or event:…" },
    { name: "role", label: "Role" },
    { name: "title", label: "Title" },
    { name: "since", label: "Since (YYYY, YYYY-MM or YYYY-MM-DD)", kind: "date" },
    { name: "until", label: "Until", kind: "date" },
    { name: "note", label: "Note" },
  ] },
};

export function editView(root: HTMLElement, route: Route, signal: AbortSignal): void {
  const id = route.params.get("id") ?? "";
  const type = id ? ({ organization: "organization", partnership: "partnership" } as Record<string, string>)[kindOfId(id)] ?? "person" : (route.params.get("new") ?? "person");
  const form = forms[type] ?? forms.person;
  const heading = h("h1", null, id ? `Correct a ${form.title}` : `Add a ${form.title}`);
  replace(root, h("div", { class: "page narrow" }, heading, loading("Loading the current facts")));
  announceView(heading.textContent!, heading);
  if (!id) {
    const row: Row = { type };
    const from = route.params.get("from");
    if (type === "link" && from) Object.assign(row, { rel: "AFFILIATED_WITH", from });
    render(root, heading, type, form.fields, row, [], false);
    return;
  }
  const reportId = route.params.get("report");
  Promise.all([
    getJSON<Rows>(`/api/v1/rows/${encodeURIComponent(id)}`, undefined, signal),
    reportId ? getJSON<Report>(`/api/v1/reports/${encodeURIComponent(reportId)}`, undefined, signal) : Promise.resolve(undefined),
  ])
    .then(([res, report]) => render(root, heading, res.row?.type as string ?? type, forms[res.row?.type as string]?.fields ?? form.fields, res.row ?? { type }, res.sources, true, report, res.links))
    .catch((err) => {
      if (!isAbort(err)) replace(root, h("div", { class: "page narrow" }, heading, errorBox(err)));
    });
}

function control(f: Field, value: unknown): HTMLElement {
  if (f.kind === "parties") {
    const lines = Array.isArray(value) ? (value as Row[]).map((p) => [p.id, p.role, p.lead].filter((x) => x !== undefined).join("; ")) : [];
    return h("textarea", { name: f.name, rows: 4 }, lines.join("\n"));
  }
  if (f.kind === "select") {
    return h("select", { name: f.name, required: f.required },
      h("option", { value: "" }, "—"), ...f.options!.map((o) => h("option", { value: o, selected: o === value }, o.replace(/_/g, " "))));
  }
  if (f.kind === "list") {
    return h("textarea", { name: f.name, rows: 3 }, Array.isArray(value) ? value.filter((v) => typeof v === "string").join("\n") : "");
  }
  return h("input", { name: f.name, type: "text", value: value == null ? "" : String(value), required: f.required });
}

function render(root: HTMLElement, heading: HTMLElement, type: string, fields: Field[], row: Row, sources: Row[], existing: boolean, report?: Report, links: Row[] = []): void {
  const errors = new Map<string, HTMLElement>();
  const inputs = new Map<string, HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>();
  const fieldBox = (name: string, label: string, el: HTMLElement, hint?: string) => {
    const cid = uid("edit");
    el.id = cid;
    const err = h("p", { class: "form-error field-error", role: "alert", hidden: true, id: `${cid}-err` });
    errors.set(name, err);
    inputs.set(name, el as HTMLInputElement);
    el.setAttribute("aria-describedby", `${cid}-err`);
    return h("div", { class: "field" }, h("label", { for: cid }, label), el, hint ? h("p", { class: "muted small" }, hint) : null, err);
  };
  const shown = fields.map((f) => {
    const el = control(f, row[f.name]);
    // What names the fact stays: changing it would add another fact, not correct this one.
    if (existing && (f.name === "id" || (type === "link" && ["rel", "from", "to"].includes(f.name)))) {
      el.setAttribute(el.tagName === "SELECT" ? "aria-readonly" : "readonly", "true");
      if (el.tagName === "SELECT") (el as HTMLSelectElement).disabled = true;
    }
    return fieldBox(f.name, f.label, el, f.hint);
  });
  const cited = sources.map((s) => h("li", null, String(s.title ?? s.url ?? s.id)));
  const src = {
    url: h("input", { name: "source.url", type: "url", placeholder: "https://…" }),
    title: h("input", { name: "source.title", type: "text" }),
    published: h("input", { name: "source.published", type: "text", placeholder: "YYYY-MM-DD" }),
    quote: h("textarea", { name: "source.quote", rows: 2 }),
  };
  const comment = h("input", { name: "comment", type: "text", required: true });
  const general = h("p", { class: "form-error", role: "alert", hidden: true });
  const done = h("div", { role: "status" });
  const submit = h("button", { type: "submit", class: "btn btn-primary" }, "Save");
  const formEl = h("form", { class: "card edit-form", novalidate: true },
    h("fieldset", null, h("legend", null, "The fact"), ...shown),
    h("fieldset", null, h("legend", null, "The source of this change"),
      existing && cited.length ? h("div", null, h("p", { class: "muted small" }, "Already cited:"), h("ul", null, ...cited)) : null,
      fieldBox("source.url", "Web address", src.url), fieldBox("source.title", "Title, as the page shows it", src.title),
      fieldBox("source.published", "Published", src.published), fieldBox("source.quote", "Quote (optional)", src.quote)),
    fieldBox("comment", "Why this change?", comment),
    general, h("div", { class: "actions" }, submit), done);
  if (report) {
    comment.value = `Report ${report.id}: ${report.what}`.slice(0, 500);
    if (report.evidence) src.url.value = report.evidence;
  }
  replace(root, h("div", { class: "page narrow" }, heading,
    h("p", { class: "muted" }, "Editors only. The change is checked like a file load and recorded with your reason and source."),
    report ? h("section", { class: "card notice report-beside", "aria-label": "The report being accepted" },
      h("p", null, h("strong", null, "Report: "), h("span", { class: "report-text" }, report.what)),
      report.fact ? h("p", null, h("strong", null, "Fact: "), report.fact) : null,
      report.correction ? h("p", null, h("strong", null, "Correction: "), h("span", { class: "report-text" }, report.correction)) : null,
      h("p", { class: "muted small" }, "Saving applies the change and accepts the report; the reporter sees it.")) : null,
    formEl,
    links.length ? h("section", { class: "card" }, h("h2", null, `Links of this entry (${links.length})`),
      h("ul", { class: "fact-list" }, ...links.map((l) => h("li", null,
        `${String(l.from)} ${String(l.rel).toLowerCase().replace(/_/g, " ")} ${String(l.to)}`,
        l.role || l.title ? ` — ${String(l.role ?? l.title)}` : "",
        l.since || l.until ? ` · ${String(l.since ?? "")}–${String(l.until ?? "")}` : "", " ",
        h("button", { type: "button", class: "btn btn-small", onclick: () => {
          heading.textContent = "Correct a link";
          heading.tabIndex = -1;
          render(root, heading, "link", forms.link.fields, l, sources, true, report);
          heading.focus();
        } }, "Correct this link"), " ",
        retractControl(l, report))))) : null));

  formEl.addEventListener("submit", async (e) => {
    e.preventDefault();
    errors.forEach((el) => (el.hidden = true));
    general.hidden = true;
    replace(done);
    const out: Row = { ...row, type };
    for (const f of fields) {
      const v = inputs.get(f.name)!.value.trim();
      if (f.kind === "parties") {
        // Each line is id; role; lead. A party's other fields (its own sources, a note) are kept.
        const before = new Map(((row[f.name] as Row[] | undefined) ?? []).map((p) => [String(p.id), p]));
        const parties = v.split("\n").map((x) => x.trim()).filter(Boolean).map((line) => {
          const [pid, role, lead] = line.split(";").map((x) => x.trim());
          const p: Row = { ...(before.get(pid) ?? {}), id: pid };
          if (role) p.role = role;
          else delete p.role;
          if (lead) p.lead = lead;
          else delete p.lead;
          return p;
        });
        if (parties.length) out[f.name] = parties;
        else delete out[f.name];
      } else if (f.kind === "list") {
        const items = v.split("\n").map((x) => x.trim()).filter(Boolean);
        // Sourced aliases (objects) are kept; the plain names are the text area's.
        const objects = Array.isArray(row[f.name]) ? (row[f.name] as unknown[]).filter((x) => typeof x === "object") : [];
        if (items.length || objects.length) out[f.name] = [...items, ...objects];
        else delete out[f.name];
      } else if (v) out[f.name] = v;
      else delete out[f.name];
    }
    submit.disabled = true;
    try {
      const saved = await postJSON<{ report?: { changeset?: string } }>("/api/v1/edits", {
        report: report?.id,
        comment: comment.value, rows: [out],
        source: { url: src.url.value, title: src.title.value, published: src.published.value, quote: src.quote.value },
      });
      if (report) {
        await postJSON(`/api/v1/reports/${encodeURIComponent(report.id)}/accept`, { changeset: saved.report?.changeset ?? "" });
      }
      const id = String(out.id ?? out.from ?? "");
      const href = profilePath(kindOfId(id), id) ?? (kindOfId(id) === "partnership" ? `/partnerships/${encodeURIComponent(id)}` : null);
      replace(done, h("p", { class: "notice" }, report ? "Saved, and the report is accepted. " : "Saved. ", href ? h("a", { href }, "See the profile") : null));
    } catch (err) {
      const ae = err instanceof ApiError ? err : null;
      const body = ae?.payload as { fields?: FieldErr[] | null } | undefined;
      const fieldErrs = body?.fields ?? [];
      let shownErr = false;
      const show = (name: string, msg: string) => {
        const el = errors.get(name === "source" ? "source.url" : name);
        if (!el) return false;
        el.textContent = msg;
        el.hidden = false;
        inputs.get(name === "source" ? "source.url" : name)?.focus();
        return true;
      };
      for (const fe of fieldErrs) shownErr = show(fe.field, fe.reason) || shownErr;
      if (!shownErr && ae?.field) shownErr = show(ae.field, ae.message);
      if (!shownErr) {
        general.textContent = ae ? ae.message : String(err);
        general.hidden = false;
      }
    } finally {
      submit.disabled = false;
    }
  });
}

/** Retract a wrong link with a reason: it leaves the queries, its changeset keeps it (undo
 * from the History puts it back). */
function retractControl(l: Row, report?: Report): HTMLElement {
  const reason = h("input", { type: "text", "aria-label": `Why retract: ${String(l.rel)} ${String(l.to)}`, placeholder: "Why is it wrong?" });
  const msg = h("p", { class: "form-error", role: "alert", hidden: true });
  const box = h("span", { class: "inline-form retract" }, reason,
    h("button", { type: "button", class: "btn btn-small", onclick: async () => {
      msg.hidden = true;
      try {
        await postJSON("/api/v1/retractions", { from: l.from, rel: l.rel, to: l.to, key: l.key ?? "", reason: reason.value, report: report?.id });
        if (report) await postJSON(`/api/v1/reports/${encodeURIComponent(report.id)}/accept`, {});
        replace(box, h("span", { class: "notice", role: "status" }, report ? "Retracted, and the report is accepted." : "Retracted. The History keeps it; Undo there puts it back."));
      } catch (err) {
        msg.textContent = err instanceof ApiError ? err.message : String(err);
        msg.hidden = false;
        reason.focus();
      }
    } }, "Retract"), msg);
  return box;
}
