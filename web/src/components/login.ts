// Token sign-in: a modal dialog that checks the token against the API before keeping it in
// sessionStorage. Opened by the header's button and by any 401 or 403.

import { ApiError, auth, getJSON } from "../lib/api";
import { h, uid } from "../lib/dom";

let dialog: HTMLDialogElement | null = null;
let after: (() => void) | undefined;

export function openLogin(onSuccess?: () => void, reason?: string): void {
  after = onSuccess;
  if (!dialog) dialog = build();
  const msg = dialog.querySelector<HTMLElement>(".login-reason")!;
  msg.textContent = reason ?? "";
  msg.hidden = !reason;
  dialog.querySelector<HTMLElement>(".login-error")!.hidden = true;
  const input = dialog.querySelector<HTMLInputElement>("input")!;
  input.value = "";
  if (!dialog.open) dialog.showModal();
  input.focus();
}

function build(): HTMLDialogElement {
  const inputId = uid("token");
  const hintId = uid("token-hint");
  const titleId = uid("login-title");
  const error = h("p", { class: "login-error form-error", role: "alert", hidden: true });
  const input = h("input", {
    id: inputId, name: "token", type: "password", autocomplete: "off", spellcheck: false, required: true,
    placeholder: "cg_…", "aria-describedby": hintId,
  });
  const submit = h("button", { type: "submit", class: "btn btn-primary" }, "Sign in");
  const form = h("form", { method: "dialog", class: "login-form" },
    h("h2", { id: titleId }, "Sign in with an API token"),
    h("p", { class: "login-reason notice", hidden: true }),
    h("label", { for: inputId }, "API token"),
    input,
    h("p", { id: hintId, class: "muted small" },
      "Ask an administrator for a token (cryograph token create --role analyst). It is kept in this browser tab only and sent as a bearer token."),
    error,
    h("div", { class: "actions" },
      submit,
      h("button", { type: "button", class: "btn", onclick: () => d.close() }, "Cancel"),
    ),
  );
  const d = h("dialog", { class: "login", "aria-labelledby": titleId }, form);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) return;
    submit.disabled = true;
    error.hidden = true;
    const previous = auth.token;
    try {
      // Any authenticated read tells a good token from a bad one: a bad one is a 401.
      sessionStorage.setItem("cryograph.token", token);
      await getJSON("/api/v1/topics");
      auth.set(token);
      d.close();
      after?.();
    } catch (err) {
      auth.set(previous);
      error.textContent = err instanceof ApiError ? err.message : String(err);
      error.hidden = false;
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });
  document.body.appendChild(d);
  return d;
}

export function signOut(): void {
  auth.set(null);
}
