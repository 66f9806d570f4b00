// "Report an error": a small action beside a fact that opens a form any reader may send,
// anonymous included. A report is stored for editors to review and never changes data by
// itself; the reporter gets a link to follow it. Text is sent and shown as text only.

import { ApiError, postJSON } from "../lib/api";
import { h, replace, uid } from "../lib/dom";

interface Created {
  report: { id: string };
  statusUrl: string;
}

let dialog: HTMLDialogElement | null = null;
let current = { subject: "", fact: "" };

/** A "Report" button for one fact of the entity subject (its id); fact says which, as shown. */
export function reportButton(subject: string, fact: string): HTMLElement {
  return h("button", {
    type: "button", class: "report-btn", "aria-label": `Report an error: ${fact}`, title: "Report an error in this fact",
    onclick: () => openReport(subject, fact),
  }, "Report");
}

export function openReport(subject: string, fact: string): void {
  current = { subject, fact };
  if (!dialog) dialog = build();
  dialog.querySelector<HTMLElement>(".report-fact")!.textContent = fact;
  dialog.querySelector<HTMLFormElement>("form")!.reset();
  const done = dialog.querySelector<HTMLElement>(".report-done")!;
  done.hidden = true;
  dialog.querySelector<HTMLElement>(".report-fields")!.hidden = false;
  dialog.querySelector<HTMLElement>(".form-error")!.hidden = true;
  if (!dialog.open) dialog.showModal();
  dialog.querySelector<HTMLTextAreaElement>("textarea")!.focus();
}

function field(label: string, control: HTMLElement, hint?: string): HTMLElement {
  const id = uid("report");
  control.id = id;
  const hintId = hint ? uid("report-hint") : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h("div", { class: "field" }, h("label", { for: id }, label), control,
    hint ? h("p", { id: hintId, class: "muted small" }, hint) : null);
}

function build(): HTMLDialogElement {
  const titleId = uid("report-title");
  const what = h("textarea", { name: "what", required: true, rows: 3, maxlength: 4000 });
  const correction = h("textarea", { name: "correction", rows: 2, maxlength: 4000 });
  const evidence = h("input", { name: "evidence", type: "url", inputmode: "url", placeholder: "https://…" });
  const contact = h("input", { name: "contact", type: "text", autocomplete: "email", maxlength: 200 });
  // The honeypot: hidden from people and from assistive technology; robots fill it in.
  const honeypot = h("input", { name: "website", type: "text", tabindex: "-1", autocomplete: "off", "aria-hidden": "true" });
  const error = h("p", { class: "form-error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "btn btn-primary" }, "Send report");
  const done = h("div", { class: "report-done", role: "status", hidden: true });
  const form = h("form", { class: "report-form", novalidate: true },
    h("h2", { id: titleId }, "Report an error"),
    h("p", { class: "muted" }, "About: ", h("strong", { class: "report-fact" })),
    h("div", { class: "report-fields" },
      field("What is wrong?", what),
      field("What is right? (optional)", correction),
      field("Evidence (optional)", evidence, "A web page that supports the correction."),
      field("Your contact (optional)", contact, "An e-mail address or a name. Only editors see it."),
      h("div", { class: "hp", "aria-hidden": "true" }, h("label", null, "Website", honeypot)),
      error,
      h("div", { class: "actions" }, submit, h("button", { type: "button", class: "btn", onclick: () => d.close() }, "Cancel"))),
    done);
  const d = h("dialog", { class: "login report-dialog", "aria-labelledby": titleId }, form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    error.hidden = true;
    if (!what.value.trim()) {
      error.textContent = "Say what is wrong.";
      error.hidden = false;
      what.focus();
      return;
    }
    submit.disabled = true;
    try {
      const res = await postJSON<Created>("/api/v1/reports", {
        subject: current.subject, fact: current.fact, what: what.value, correction: correction.value,
        evidence: evidence.value, contact: contact.value, website: honeypot.value,
      });
      d.querySelector<HTMLElement>(".report-fields")!.hidden = true;
      replace(done,
        h("p", null, "Thank you. Editors will review your report; it changes nothing until they do."),
        h("p", null, "Follow it here: ", h("a", { href: res.statusUrl, onclick: () => d.close() }, window.location.origin + res.statusUrl)),
        h("div", { class: "actions" }, h("button", { type: "button", class: "btn", onclick: () => d.close() }, "Close")));
      done.hidden = false;
      done.querySelector<HTMLElement>("a")?.focus();
    } catch (err) {
      const e = err instanceof ApiError ? err : null;
      error.textContent = e ? e.message : String(err);
      error.hidden = false;
      const target = e?.field ? form.querySelector<HTMLElement>(`[name="${e.field}"]`) : null;
      (target ?? what).focus();
    } finally {
      submit.disabled = false;
    }
  });
  document.body.appendChild(d);
  return d;
}
