// The analyst console: read-only Cypher with Neo4j's own CodeMirror 6 language support
// (highlighting, and completion of the graph's labels, types and properties), JSON parameters,
// results as a table and as a graph, saved queries, CSV export, Neo4j's errors with where.

import { createCypherEditor, type EditorApi } from "@neo4j-cypher/codemirror";
import { autocompletion, completionKeymap, type CompletionContext, type CompletionResult } from "@codemirror/autocomplete";
import { linter, lintKeymap } from "@codemirror/lint";
import { keymap } from "@codemirror/view";
import { CypherEditorSupport } from "@neo4j-cypher/editor-support";
import { lintCypher, queryParams } from "../lib/cypherlint";
import "@neo4j-cypher/codemirror/css/cypher-codemirror.css";
import { ApiError, auth, del, getJSON, postForBlob, postJSON, putJSON } from "../lib/api";
import { h, replace, uid, debounce, download } from "../lib/dom";
import { setQuery, type Route } from "../lib/router";
import type { CypherResult, ParamSpec, SavedQuery, SavedQueryList } from "../lib/types";
import { announceView, empty, errorBox, loading } from "../components/common";
import { openLogin, signOut } from "../components/login";
import { NEIGHBOURS_QUERY, formatValue, resultGraph } from "../components/cypherresult";

const DEFAULT_QUERY = "MATCH (p:Person)-[:WORKS_ON]->(t:Topic)\nRETURN p.name AS person, collect(t.name) AS topics\nORDER BY person\nLIMIT 25";

const SCHEMA_QUERY = `CALL db.labels() YIELD label
WITH collect(label) AS labels
CALL db.relationshipTypes() YIELD relationshipType
WITH labels, collect(relationshipType) AS types
CALL db.propertyKeys() YIELD propertyKey
RETURN labels, types, collect(propertyKey) AS keys`;

/** Keywords offered by completion: read-only Cypher's, not administration or writing. */
const KEYWORDS = new Set(("MATCH OPTIONAL WHERE RETURN WITH UNWIND ORDER BY SKIP LIMIT DISTINCT AS AND OR XOR NOT IN STARTS ENDS " +
  "CONTAINS IS NULL CASE WHEN THEN ELSE END UNION ALL CALL YIELD EXISTS COUNT ASC DESC ASCENDING DESCENDING TRUE FALSE " +
  "SHORTESTPATH ALLSHORTESTPATHS ANY NONE SINGLE REDUCE COLLECT FILTER EXTRACT").split(" "));
/** The graph's own bookkeeping (tokens, audit, migrations, name keys, saved queries, rankings):
 * never offered by completion or the schema panel. A deny list, so new data properties show. */
const HIDDEN_LABELS = new Set(["Migration", "NameKey", "SavedQuery", "ApiToken", "AuditEvent", "TopicRanking", "DerivedState", "Merge"]);
const HIDDEN_TYPES = new Set(["HAS_NAME_KEY"]);
const HIDDEN_KEYS = new Set(["tokenId", "hash", "importHash", "nameLower", "aliasText", "checksum", "appliedAt", "version", "refreshedAt",
  "lastUsedAt", "gone", "ms", "rows", "outcome", "action", "who", "what", "params", "query", "createdBy", "updatedBy", "key", "top", "total"]);
export function hiddenSchemaName(name: string, kind: "label" | "relationshipType" | "propertyKey"): boolean {
  if (name.startsWith("_")) return true;
  return (kind === "label" ? HIDDEN_LABELS : kind === "relationshipType" ? HIDDEN_TYPES : HIDDEN_KEYS).has(name);
}

interface Support {
  update(text: string): void;
  parseErrors: { start: number; stop: number; msg: string }[];
  positionConverter: { toRelative(pos: number): { line: number; column: number } };
  getCompletion(line: number, column: number, all: boolean): { items: { type: string; view: string; content: string; postfix?: string | null }[]; from: { line: number; column: number } };
}

const HISTORY_KEY = "cryograph.console.history";
interface HistoryItem { query: string; params: string; at: string }
function readHistory(): HistoryItem[] {
  try {
    const v = JSON.parse(localStorage.getItem(HISTORY_KEY) ?? "[]");
    return Array.isArray(v) ? v.filter((x) => x && typeof x.query === "string").slice(0, 50) : [];
  } catch {
    return [];
  }
}

interface State {
  query: string;
  params: string;
  saved: string;
  tab: "table" | "graph";
  /** The URL's query has been run: a shared link with run=1 runs it on opening. */
  ran: boolean;
  limit: number;
  timeout: number;
}

export function consoleView(root: HTMLElement, route: Route, signal: AbortSignal): () => void {
  const p = route.params;
  const st: State = {
    query: p.get("query") ?? "",
    params: p.get("params") ?? "",
    saved: p.get("saved") ?? "",
    tab: p.get("tab") === "graph" ? "graph" : "table",
    ran: p.get("run") === "1",
    limit: Math.min(10000, Math.max(1, Number(p.get("limit")) || 1000)),
    timeout: Math.min(60, Math.max(1, Number(p.get("timeout")) || 10)),
  };
  if (!st.query && !st.saved) st.query = DEFAULT_QUERY;
  let savedQueries: SavedQuery[] = [];
  let loadedSaved: SavedQuery | null = null;
  let last: CypherResult | null = null;
  let graphCleanup: (() => void) | null = null;

  const heading = h("h1", null, "Analyst console");
  const authBar = h("div", { class: "auth-bar", role: "status" });
  const savedBox = h("div", { class: "saved-box" });
  const editorHost = h("div", { class: "editor-host", "aria-label": "Cypher query editor" });
  const paramsId = uid("params");
  const paramsHint = uid("params-hint");
  const paramsInput = h("textarea", {
    id: paramsId, class: "params-input", rows: 3, spellcheck: false, "aria-describedby": paramsHint,
    placeholder: '{"topic": "topic:nanowarming"}',
  });
  paramsInput.value = st.params;
  const paramsError = h("p", { class: "form-error", role: "alert", hidden: true });
  const limitId = uid("limit");
  const limitIn = h("input", { id: limitId, type: "number", min: 1, max: 10000, value: String(st.limit), class: "num-input" });
  const timeoutId = uid("timeout");
  const timeoutIn = h("input", { id: timeoutId, type: "number", min: 1, max: 60, value: String(st.timeout), class: "num-input" });
  const runBtn = h("button", { type: "button", class: "btn btn-primary", onclick: () => void run() }, "Run", h("kbd", { class: "kbd" }, "Ctrl+Enter"));
  const csvBtn = h("button", { type: "button", class: "btn", onclick: () => void exportCSV() }, "Export CSV");
  const saveBtn = h("button", { type: "button", class: "btn", onclick: () => openSave() }, "Save…");
  const savedTag = h("span", { class: "saved-tag", "aria-live": "polite" });
  const saveForm = h("div", { class: "save-form", hidden: true });
  const out = h("div", { class: "console-out", "aria-live": "polite" });
  const schemaBox = h("div", { class: "schema-box" }, h("p", { class: "muted small" }, "Sign in to see the graph's labels, types and properties."));
  const historyBox = h("div", { class: "history-box" });

  replace(root,
    h("div", { class: "page-head" }, heading,
      h("p", { class: "lead" }, "Read-only Cypher against the whole graph. Labels, relationship types and properties are described in the graph model; every query is bounded in time and rows and recorded in the audit log.")),
    authBar,
    h("div", { class: "console-layout" },
      h("div", { class: "console-side" },
        h("aside", { class: "card saved-panel", "aria-labelledby": "saved-title" }, h("h2", { id: "saved-title" }, "Saved queries"), savedBox),
        h("section", { class: "card schema-panel", "aria-labelledby": "schema-title" }, h("h2", { id: "schema-title" }, "Schema"),
          h("p", { class: "muted small" }, "Click a name to insert it at the cursor."), schemaBox),
        h("section", { class: "card history-panel", "aria-labelledby": "history-title" }, h("h2", { id: "history-title" }, "History"), historyBox)),
      h("div", { class: "console-main" },
        h("div", { class: "card editor-card" },
          h("div", { class: "editor-head" }, h("span", { class: "field-label", id: "editor-label" }, "Query"), savedTag),
          editorHost,
          h("div", { class: "console-params" },
            h("div", { class: "field params-field" }, h("label", { for: paramsId, class: "field-label" }, "Parameters (JSON)"), paramsInput,
              h("p", { id: paramsHint, class: "muted small" }, "An object: $name in the query reads params.name."), paramsError),
            h("div", { class: "field" }, h("label", { for: limitId, class: "field-label" }, "Row limit"), limitIn),
            h("div", { class: "field" }, h("label", { for: timeoutId, class: "field-label" }, "Timeout (s)"), timeoutIn),
          ),
          h("div", { class: "actions" }, runBtn, csvBtn, saveBtn),
          saveForm,
        ),
        out,
      ),
    ),
  );
  announceView("Analyst console", heading);

  // The editor.
  // The package's typings say it returns the API; at run time it returns { editor: api }.
  const created = createCypherEditor(editorHost, {
    value: st.query,
    autofocus: false,
    lineNumbers: true,
    lineWrapping: true,
    // Lint and completion are ours (below): the package's linter flags newer Cypher that Neo4j 5
    // runs fine, and its completion neither opens while typing nor keeps internals out.
    lint: false,
    autocomplete: false,
    theme: "light",
    placeholder: "MATCH (n) RETURN n LIMIT 10",
    tooltipAbsolute: true,
    lineNumberFormatter: (line) => String(line),
  }) as EditorApi | { editor: EditorApi };
  const editor: EditorApi = "editor" in created ? created.editor : created;
  // The package's parser and completion engine (typings incomplete: what is used, typed here).
  const support = (editor as unknown as { editorSupport: Support }).editorSupport;
  const parse = (t: string) => (new CypherEditorSupport(t) as unknown as Support).parseErrors;
  const complete = (ctx: CompletionContext): CompletionResult | null => {
    const word = ctx.matchBefore(/\w*/);
    const before = ctx.state.sliceDoc(Math.max(0, ctx.pos - 1), ctx.pos);
    if (!word || (word.from === word.to && !ctx.explicit && !":.$".includes(before || "-"))) return null;
    support.update(ctx.state.doc.toString());
    const { line, column } = support.positionConverter.toRelative(ctx.pos);
    const c = support.getCompletion(line, column, true);
    let items = c.items.filter((i) => {
      if (i.type === "keyword") return KEYWORDS.has(i.view.split(" ")[0].toUpperCase());
      if (i.type === "consoleCommand" || i.type === "consoleCommandSubcommand") return false;
      if (i.type === "propertyKey" || i.type === "label" || i.type === "relationshipType") return !hiddenSchemaName(i.view.replace(/^:/, ""), i.type);
      return true;
    });
    // After a dot only property keys fit, after a colon only labels and types; elsewhere a bare
    // property key is noise among the keywords (inside { } maps it is what fits).
    const prev = ctx.state.sliceDoc(0, word.from).replace(/\s+$/, "").slice(-1);
    if (prev === ".") items = items.filter((i) => i.type === "propertyKey");
    else if (prev === ":") items = items.filter((i) => i.type === "label" || i.type === "relationshipType");
    else if (prev !== "{" && prev !== ",") items = items.filter((i) => i.type !== "propertyKey");
    if (!items.length) return null;
    const from = ctx.state.doc.line(c.from.line).from + c.from.column;
    return { from, options: items.map((i) => ({ type: i.type === "propertyKey" ? "property" : i.type, label: i.view, apply: i.content, detail: i.postfix ?? undefined })), filter: false };
  };
  editor.setPostExtensions([
    linter((view) => lintCypher(view.state.doc.toString(), parse).map((e) => ({ ...e, severity: "error" as const })), { delay: 600 }),
    autocompletion({ activateOnTyping: true, override: [complete], closeOnBlur: true }),
    keymap.of([...completionKeymap, ...lintKeymap]),
  ]);
  editor.codemirror.contentDOM.setAttribute("aria-labelledby", "editor-label");
  editor.codemirror.contentDOM.setAttribute("aria-multiline", "true");
  const rememberURL = debounce(() => syncURL(false), 400);
  editor.onValueChanged((v) => {
    st.query = v;
    st.ran = false;
    updateSavedTag();
    rememberURL();
  });
  editor.onKeyDown((e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    }
  });
  paramsInput.addEventListener("input", () => {
    st.params = paramsInput.value;
    st.ran = false;
    checkParams();
    rememberURL();
  });
  paramsInput.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void run();
    }
  });
  limitIn.addEventListener("change", () => (st.limit = Number(limitIn.value) || 1000));
  timeoutIn.addEventListener("change", () => (st.timeout = Number(timeoutIn.value) || 10));

  function syncURL(push: boolean) {
    setQuery({
      query: st.query === DEFAULT_QUERY && !st.saved ? undefined : st.query.length < 6000 ? st.query : undefined,
      params: st.params.trim() || undefined, saved: st.saved, tab: st.tab === "graph" ? "graph" : undefined,
      limit: st.limit !== 1000 ? st.limit : undefined, timeout: st.timeout !== 10 ? st.timeout : undefined,
      run: st.ran ? 1 : undefined,
    }, push);
  }

  /** The parameters as an object, or null (and a message) when they are not valid JSON. */
  function checkParams(): Record<string, unknown> | null {
    const text = paramsInput.value.trim();
    paramsError.hidden = true;
    paramsInput.removeAttribute("aria-invalid");
    if (!text) {
      editor.setSchema({ ...schema, parameters: [] });
      return {};
    }
    try {
      const v = JSON.parse(text);
      if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("the parameters must be a JSON object, like {\"name\": \"value\"}");
      editor.setSchema({ ...schema, parameters: Object.keys(v) });
      return v as Record<string, unknown>;
    } catch (err) {
      paramsError.textContent = `Parameters: ${err instanceof Error ? err.message : String(err)}`;
      paramsError.hidden = false;
      paramsInput.setAttribute("aria-invalid", "true");
      return null;
    }
  }

  // Sign-in state and what depends on it: the schema for completion, the saved queries.
  let schema: { labels?: string[]; relationshipTypes?: string[]; propertyKeys?: string[]; parameters?: string[] } = {};
  function renderAuth() {
    if (auth.token) {
      replace(authBar, h("span", { class: "auth-ok" }, "Signed in with an API token."),
        h("button", { type: "button", class: "btn btn-small", onclick: () => { signOut(); } }, "Sign out"));
    } else {
      replace(authBar, h("span", null, "The console needs an API token with the analyst role."),
        h("button", { type: "button", class: "btn btn-small btn-primary", onclick: () => openLogin() }, "Sign in"));
    }
  }
  const onAuth = () => {
    renderAuth();
    void loadSchema();
    void loadSaved();
  };
  window.addEventListener("cryograph:auth", onAuth);

  async function loadSchema() {
    if (!auth.token) return;
    try {
      const res = await postJSON<CypherResult>("/api/v1/cypher", { query: SCHEMA_QUERY, limit: 1, timeout: 10 });
      const [labels, types, keys] = (res.rows[0] ?? [[], [], []]) as string[][];
      schema = {
        labels: labels.filter((x) => !hiddenSchemaName(x, "label")),
        relationshipTypes: types.filter((x) => !hiddenSchemaName(x, "relationshipType")),
        propertyKeys: keys.filter((x) => !hiddenSchemaName(x, "propertyKey")),
      };
      renderSchema();
      checkParams(); // sets the schema, with the parameters' names
      document.body.dataset.cypherSchema = "ready"; // tests wait for it before typing
    } catch {
      /* completion works without the schema; the run shows any real problem */
      document.body.dataset.cypherSchema = "failed";
    }
  }

  function insert(text: string) {
    const cm = editor.codemirror;
    cm.dispatch(cm.state.replaceSelection(text));
    cm.focus();
  }

  function renderSchema() {
    const group = (title: string, names: string[] | undefined, text: (n: string) => string, cls: string) => names?.length
      ? h("details", { class: "schema-group", open: true }, h("summary", null, `${title} (${names.length})`),
          h("ul", { class: "schema-list" }, ...names.slice().sort().map((n) => h("li", null,
            h("button", { type: "button", class: `schema-item ${cls}`, title: `Insert ${text(n)}`, onclick: () => insert(text(n)) }, text(n))))))
      : null;
    replace(schemaBox,
      group("Labels", schema.labels, (n) => `:${n}`, "schema-label"),
      group("Relationship types", schema.relationshipTypes, (n) => `:${n}`, "schema-type"),
      group("Property keys", schema.propertyKeys, (n) => n, "schema-key"));
  }

  function renderHistory() {
    const items = readHistory();
    if (!items.length) {
      replace(historyBox, h("p", { class: "muted small" }, "Queries you run are kept here, in this browser only."));
      return;
    }
    replace(historyBox,
      h("ol", { class: "history-list" }, ...items.slice(0, 20).map((x) => h("li", null,
        h("button", {
          type: "button", class: "history-item", title: x.query,
          onclick: () => {
            editor.setValue(x.query);
            st.query = x.query;
            paramsInput.value = x.params;
            st.params = x.params;
            checkParams();
            updateSavedTag();
            editor.focus();
          },
        }, h("code", null, x.query.replace(/\s+/g, " ").slice(0, 90)), h("span", { class: "muted small" }, new Date(x.at).toLocaleString("en-GB", { dateStyle: "short", timeStyle: "short" })))))),
      h("button", { type: "button", class: "link-button small", onclick: () => { localStorage.removeItem(HISTORY_KEY); renderHistory(); } }, "Clear history"));
  }

  function remember(query: string, params: string) {
    const items = readHistory().filter((x) => x.query !== query || x.params !== params);
    items.unshift({ query, params, at: new Date().toISOString() });
    try {
      localStorage.setItem(HISTORY_KEY, JSON.stringify(items.slice(0, 50)));
    } catch {
      /* storage full or off: no history */
    }
    renderHistory();
  }

  /** The $parameters the query uses that have no value yet: ask for them rather than run with none. */
  function askParams(params: Record<string, unknown>): boolean {
    const missing = queryParams(st.query).filter((n) => !(n in params) || params[n] === "" || params[n] === null);
    if (!missing.length) return false;
    const specs = loadedSaved?.params ?? [];
    const inputs = missing.map((n) => {
      const id = uid(`param-${n}`);
      const spec = specs.find((x) => x.name === n);
      const input = h("input", { id, name: n, required: true, placeholder: spec?.type ?? "value", "aria-describedby": spec?.description ? `${id}-d` : undefined });
      return { n, input, field: h("div", { class: "field" }, h("label", { for: id, class: "field-label" }, `$${n}`), input,
        spec?.description ? h("p", { id: `${id}-d`, class: "muted small" }, spec.description) : null) };
    });
    const form = h("form", { class: "card params-ask", "aria-labelledby": "ask-title" },
      h("h2", { id: "ask-title" }, "This query needs parameters"),
      h("p", { class: "muted small" }, `Give ${missing.map((n) => `$${n}`).join(", ")} a value to run it.`),
      ...inputs.map((x) => x.field),
      h("div", { class: "actions" }, h("button", { type: "submit", class: "btn btn-primary" }, "Run with these")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const next = { ...params };
      for (const { n, input } of inputs) {
        const v = input.value.trim();
        let val: unknown = v;
        if (/^-?\d+(\.\d+)?$/.test(v) || /^(true|false|null)$/.test(v) || /^[[{"]/.test(v)) {
          try { val = JSON.parse(v); } catch { val = v; }
        }
        next[n] = val;
      }
      paramsInput.value = JSON.stringify(next);
      st.params = paramsInput.value;
      checkParams();
      void run();
    });
    replace(out, form);
    inputs[0].input.focus();
    return true;
  }

  async function loadSaved() {
    if (!auth.token) {
      replace(savedBox, h("p", { class: "muted small" }, "Sign in to see the shared library of saved queries."));
      return;
    }
    replace(savedBox, loading("Loading saved queries"));
    try {
      const res = await getJSON<SavedQueryList>("/api/v1/queries", undefined, signal);
      savedQueries = (res.queries ?? []).sort((a, b) => a.name.localeCompare(b.name));
      renderSaved();
      if (st.saved && !loadedSaved) {
        const q = savedQueries.find((x) => x.name === st.saved);
        if (q) pickSaved(q, !p.get("query"));
        if (q && st.ran) void run();
      }
    } catch (err) {
      replace(savedBox, errorBox(err, () => void loadSaved()));
    }
  }

  function renderSaved() {
    if (!savedQueries.length) {
      replace(savedBox, h("p", { class: "muted small" }, "No saved queries yet. Write one and press Save."));
      return;
    }
    replace(savedBox, h("ul", { class: "saved-list" }, ...savedQueries.map((q) => h("li", null,
      h("button", {
        type: "button", class: `saved-item${loadedSaved?.name === q.name ? " selected" : ""}`, "aria-pressed": String(loadedSaved?.name === q.name),
        onclick: () => pickSaved(q, true),
      }, h("span", { class: "saved-name" }, q.name), h("span", { class: "saved-desc" }, q.description))))));
  }

  function pickSaved(q: SavedQuery, setText: boolean) {
    loadedSaved = q;
    st.saved = q.name;
    if (setText) {
      editor.setValue(q.query);
      st.query = q.query;
      const defaults: Record<string, unknown> = {};
      for (const ps of q.params ?? []) defaults[ps.name] = ps.default !== undefined ? ps.default : exampleFor(ps);
      paramsInput.value = Object.keys(defaults).length ? JSON.stringify(defaults, null, 1).replace(/\n\s*/g, " ") : "";
      st.params = paramsInput.value;
      checkParams();
    }
    renderSaved();
    updateSavedTag();
    syncURL(true);
  }

  function updateSavedTag() {
    if (!loadedSaved) {
      replace(savedTag);
      return;
    }
    const edited = loadedSaved.query !== st.query;
    replace(savedTag, h("span", { class: "badge" }, `saved: ${loadedSaved.name}${edited ? " (edited)" : ""}`),
      loadedSaved.params?.length ? h("span", { class: "muted small" }, ` parameters: ${loadedSaved.params.map((x) => `$${x.name} (${x.type})`).join(", ")}`) : null,
      h("button", { type: "button", class: "link-button small", onclick: () => { loadedSaved = null; st.saved = ""; renderSaved(); updateSavedTag(); syncURL(false); } }, "detach"));
  }

  function body(): { query?: string; params: Record<string, unknown>; limit: number; timeout: number } | null {
    const params = checkParams();
    if (params === null) {
      paramsInput.focus();
      return null;
    }
    st.limit = Math.min(10000, Math.max(1, Number(limitIn.value) || 1000));
    st.timeout = Math.min(60, Math.max(1, Number(timeoutIn.value) || 10));
    return { params, limit: st.limit, timeout: st.timeout };
  }

  /** A saved query runs by name while its text is unchanged, so its declared parameters are checked. */
  function endpoint(): string {
    return loadedSaved && loadedSaved.query === st.query ? `/api/v1/queries/${encodeURIComponent(loadedSaved.name)}/run` : "/api/v1/cypher";
  }

  let running = false;
  async function run() {
    if (running) return;
    const b = body();
    if (!b) return;
    if (!st.query.trim()) {
      replace(out, empty("Write a query first."));
      return;
    }
    if (askParams(b.params)) return;
    running = true;
    runBtn.disabled = true;
    st.ran = true;
    syncURL(true);
    replace(out, loading("Running"));
    const url = endpoint();
    try {
      const res = await postJSON<CypherResult>(url, url === "/api/v1/cypher" ? { ...b, query: st.query } : b);
      last = res;
      remember(st.query, paramsInput.value.trim());
      renderResult();
    } catch (err) {
      renderError(err);
    } finally {
      running = false;
      runBtn.disabled = false;
    }
  }

  function renderError(err: unknown) {
    if (!(err instanceof ApiError) || err.needsLogin || !err.code.startsWith("cypher_")) {
      replace(out, errorBox(err, () => void run()));
      return;
    }
    const pos = err.position;
    if (pos) {
      editor.setPosition({ line: pos.line, column: pos.column });
      editor.focus();
    }
    replace(out, h("div", { class: "state state-error cypher-error", role: "alert" },
      h("p", { class: "state-title" }, `${errorTitle(err.code)}`),
      h("dl", { class: "err-codes" },
        h("dt", null, "Code"), h("dd", null, h("code", null, err.code)),
        err.neo4jCode ? [h("dt", null, "Neo4j"), h("dd", null, h("code", null, err.neo4jCode))] : null,
        pos ? [h("dt", null, "Where"), h("dd", null, `line ${pos.line}, column ${pos.column}`)] : null),
      h("pre", { class: "err-message", tabindex: 0 }, err.message),
      err.requestId ? h("p", { class: "muted small" }, `Request id ${err.requestId}`) : null,
    ));
  }

  function renderResult() {
    if (!last) return;
    graphCleanup?.();
    graphCleanup = null;
    const r = last;
    const nodes = r.graph?.nodes ?? [];
    // A result without nodes has nothing to draw: show its table whatever tab was last chosen.
    const tab = st.tab === "graph" && nodes.length ? "graph" : "table";
    const tabBtn = (t: "table" | "graph", label: string) => h("button", {
      type: "button", role: "tab", class: "tab", "aria-selected": String(tab === t), tabindex: tab === t ? 0 : -1, id: `rtab-${t}`,
      disabled: t === "graph" && !nodes.length, title: t === "graph" && !nodes.length ? "The result has no nodes to draw" : undefined,
      "aria-controls": "result-panel",
      onclick: () => { st.tab = t; syncURL(false); renderResult(); },
      onkeydown: (e: KeyboardEvent) => {
        if ((e.key === "ArrowRight" || e.key === "ArrowLeft") && nodes.length) {
          st.tab = tab === "table" ? "graph" : "table";
          renderResult();
          document.getElementById(`rtab-${st.tab}`)?.focus();
        }
      },
    }, label);
    const panel = h("div", { id: "result-panel", role: "tabpanel", "aria-labelledby": `rtab-${tab}`, class: "result-panel" });
    replace(out, h("div", { class: "card result-card" },
      h("div", { class: "result-head" },
        h("div", { class: "tabs", role: "tablist", "aria-label": "Result views" }, tabBtn("table", "Table"), tabBtn("graph", `Graph (${nodes.length})`)),
        h("span", { class: "result-stats", role: "status" }, `${r.stats.rows.toLocaleString("en")} ${r.stats.rows === 1 ? "row" : "rows"} in ${r.stats.ms} ms`)),
      r.truncated ? h("p", { class: "notice" }, `Cut short (${r.truncatedReason === "byte_limit" ? "the answer reached the 10 MB cap" : `the row limit of ${st.limit}`}): the first rows are shown. Raise the limit or narrow the query.`) : null,
      panel));
    if (tab === "table") replace(panel, resultTable(r));
    // Clicking a node adds its neighbours, through the same read-only Cypher endpoint.
    else graphCleanup = resultGraph(r, panel, (id) => postJSON<CypherResult>("/api/v1/cypher", { query: NEIGHBOURS_QUERY, params: { id, hidden: [...HIDDEN_LABELS] }, limit: 100, timeout: 10 })).destroy;
  }

  async function exportCSV() {
    const b = body();
    if (!b) return;
    const url = endpoint();
    try {
      const blob = await postForBlob(url, url === "/api/v1/cypher" ? { ...b, query: st.query } : b, { format: "csv" }, "text/csv");
      download(`${loadedSaved && url !== "/api/v1/cypher" ? loadedSaved.name : "cypher"}.csv`, blob);
    } catch (err) {
      renderError(err);
    }
  }

  function openSave() {
    saveForm.hidden = false;
    const nameId = uid("qname");
    const descId = uid("qdesc");
    // A loaded saved query is shared: changing it is "Update" (confirmed), anything else is new.
    const current = loadedSaved;
    const name = h("input", { id: nameId, required: true, pattern: "[a-z0-9][a-z0-9\\-]{0,63}", value: "", placeholder: "labs-by-country", "aria-describedby": `${nameId}-hint` });
    const desc = h("textarea", { id: descId, rows: 2 });
    desc.value = loadedSaved?.description ?? "";
    const msg = h("p", { class: "form-error", role: "alert", hidden: true });
    const exists = () => savedQueries.some((q) => q.name === name.value);
    const submit = h("button", { type: "submit", class: "btn btn-primary" }, current ? "Save as new" : "Save");
    const update = current ? h("button", { type: "button", class: "btn", onclick: () => void save(true) }, `Update “${current.name}”`) : null;
    const form = h("form", { class: "save-inner" },
      h("div", { class: "field" }, h("label", { for: nameId, class: "field-label" }, "Name"), name,
        h("p", { id: `${nameId}-hint`, class: "muted small" }, current
          ? `Lower-case letters, digits and hyphens: a new name. Or update “${current.name}” for everyone who uses it.`
          : "Lower-case letters, digits and hyphens.")),
      h("div", { class: "field" }, h("label", { for: descId, class: "field-label" }, "Description"), desc),
      msg,
      h("div", { class: "actions" }, submit, update,
        loadedSaved ? h("button", { type: "button", class: "btn btn-danger", onclick: () => void remove() }, `Delete “${loadedSaved.name}”`) : null,
        h("button", { type: "button", class: "btn", onclick: () => (saveForm.hidden = true) }, "Cancel")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void save(false);
    });
    const save = async (overwrite: boolean) => {
      const params = checkParams();
      if (params === null) return;
      const target = overwrite && current ? current.name : name.value;
      if (!overwrite && !form.reportValidity()) return;
      if (!overwrite && exists()) {
        msg.textContent = `A saved query named “${target}” exists already: choose another name${current?.name === target ? `, or press Update “${target}”` : ""}.`;
        msg.hidden = false;
        name.focus();
        return;
      }
      if (overwrite && !window.confirm(`Replace the shared saved query “${target}” for everyone who uses it?`)) return;
      const specs = paramSpecs(params, current?.params ?? []);
      const payload = { name: target, description: desc.value || (overwrite ? current?.description ?? "" : ""), query: st.query, params: specs };
      submit.disabled = true;
      try {
        const saved = overwrite
          ? await putJSON<SavedQuery>(`/api/v1/queries/${encodeURIComponent(target)}`, payload)
          : await postJSON<SavedQuery>("/api/v1/queries", payload);
        saveForm.hidden = true;
        await loadSaved();
        pickSaved(saved, false);
      } catch (err) {
        msg.textContent = err instanceof Error ? err.message : String(err);
        msg.hidden = false;
      } finally {
        submit.disabled = false;
      }
    };
    replace(saveForm, form);
    name.focus();
  }

  async function remove() {
    if (!loadedSaved) return;
    if (!window.confirm(`Delete the saved query “${loadedSaved.name}” for everyone?`)) return;
    try {
      await del(`/api/v1/queries/${encodeURIComponent(loadedSaved.name)}`);
      loadedSaved = null;
      st.saved = "";
      saveForm.hidden = true;
      updateSavedTag();
      await loadSaved();
      syncURL(false);
    } catch (err) {
      renderError(err);
    }
  }

  renderAuth();
  renderHistory();
  checkParams();
  void loadSchema();
  void loadSaved();
  replace(out, empty("Run a query to see its results.", h("p", null, "Ctrl+Enter (⌘+Enter on a Mac) runs it from the editor.")));
  // A shared link to a run query runs it again (a saved query once it is loaded).
  if (st.ran && auth.token && !st.saved) void run();

  return () => {
    window.removeEventListener("cryograph:auth", onAuth);
    rememberURL.cancel();
    graphCleanup?.();
    editor.destroy();
  };
}

function resultTable(r: CypherResult): HTMLElement {
  if (!r.rows.length) return empty("No rows.");
  return h("div", { class: "table-scroll", tabindex: 0, role: "region", "aria-label": "Result rows (scrolls)" }, h("table", { class: "data-table result-table" },
    h("thead", null, h("tr", null, h("th", { scope: "col", class: "num" }, "#"), ...r.columns.map((c) => h("th", { scope: "col" }, c)))),
    h("tbody", null, ...r.rows.map((row, i) => h("tr", null, h("td", { class: "num muted" }, String(i + 1)), ...row.map((v) => h("td", null, formatValue(v))))))));
}

function errorTitle(code: string): string {
  return ({
    cypher_syntax_error: "Syntax error",
    cypher_multiple_statements: "One statement at a time",
    cypher_not_read_only: "The console is read-only",
    cypher_not_allowed: "Not allowed in the console",
    cypher_error: "Neo4j refused the query",
    cypher_timeout: "The query ran out of time",
    cypher_memory_limit: "The query needed too much memory",
  } as Record<string, string>)[code] ?? "The query failed";
}

/** Declared parameters for a saved query, from the current JSON values. */
export function paramSpecs(values: Record<string, unknown>, previous: ParamSpec[]): ParamSpec[] {
  return Object.entries(values).map(([name, v]) => {
    const prev = previous.find((x) => x.name === name);
    const type = prev?.type ?? typeOf(v);
    return { name, type, description: prev?.description, default: v };
  });
}

function typeOf(v: unknown): string {
  if (Array.isArray(v)) return `list<${v.length ? typeOf(v[0]) : "string"}>`;
  if (typeof v === "boolean") return "boolean";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "float";
  if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return "date";
  return "string";
}

function exampleFor(p: ParamSpec): unknown {
  if (p.type.startsWith("list")) return [];
  return ({ integer: 10, float: 1.0, boolean: true, date: "2022-01-01", datetime: "2022-01-01T00:00:00Z" } as Record<string, unknown>)[p.type] ?? "";
}
