// The one way the UI talks to the API: JSON in, JSON out, the token (if any) as a bearer
// header, and every error turned into an ApiError carrying the API's error.message.

import type { components } from "./api-types.gen";
import type { Kind } from "./types";

const TOKEN_KEY = "cryograph.token";

/** Where in a Cypher query a syntax error is. */
export type Position = NonNullable<components["schemas"]["ErrorDetail"]["position"]>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly requestId?: string;
  readonly neo4jCode?: string;
  readonly position?: Position;
  /** The whole JSON answer, for errors that carry more than error (an edit's field errors). */
  readonly payload?: unknown;

  constructor(status: number, body: Partial<ApiErrorBody["error"]> | undefined, fallback: string, payload?: unknown) {
    super(body?.message || fallback);
    this.name = "ApiError";
    this.status = status;
    this.code = body?.code || (status === 0 ? "network_error" : `http_${status}`);
    this.field = body?.field;
    this.requestId = body?.requestId;
    this.neo4jCode = body?.neo4jCode;
    this.position = body?.position;
    this.payload = payload;
  }

  /** The caller must sign in (401) or needs a stronger token (403). */
  get needsLogin(): boolean {
    return this.status === 401 || this.status === 403;
  }
}

type ApiErrorBody = components["schemas"]["Error"];

export function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === "AbortError";
}

// The token lives in sessionStorage: it survives reloads of the tab but not the tab itself,
// and it is never written anywhere else.
export const auth = {
  get token(): string | null {
    try {
      return sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null;
    }
  },
  set(token: string | null): void {
    try {
      if (token) sessionStorage.setItem(TOKEN_KEY, token);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      /* storage disabled: the token lasts until the page is left */
    }
    window.dispatchEvent(new CustomEvent("cryograph:auth"));
  },
};

export type Query = Record<string, string | number | boolean | string[] | undefined | null>;

export function buildURL(path: string, query?: Query): string {
  const u = new URL(path, window.location.origin);
  if (query) {
    for (const [k, v] of Object.entries(query)) {
      if (v === undefined || v === null || v === "") continue;
      if (Array.isArray(v)) v.forEach((x) => u.searchParams.append(k, x));
      else u.searchParams.set(k, String(v));
    }
  }
  return u.pathname + u.search;
}

export interface RequestOptions {
  method?: string;
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  accept?: string;
}

async function send(path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept ?? "application/json" };
  const token = auth.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildURL(path, opts.query), { method: opts.method ?? "GET", headers, body, signal: opts.signal });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, undefined, "The CryoGraph server cannot be reached. Check that it is running, then try again.");
  }
  if (!res.ok) {
    let detail: Partial<ApiErrorBody["error"]> | undefined;
    let payload: unknown;
    try {
      payload = await res.json();
      detail = (payload as ApiErrorBody).error;
    } catch {
      detail = undefined;
    }
    throw new ApiError(res.status, detail, fallbackMessage(res.status), payload);
  }
  return res;
}

function fallbackMessage(status: number): string {
  switch (status) {
    case 401:
      return "Sign in with an API token to see this.";
    case 403:
      return "Your token's role does not allow this.";
    case 404:
      return "Not found.";
    case 429:
      return "Too many requests: wait a moment and try again.";
    case 503:
      return "The graph database is not available right now; try again in a few seconds.";
    default:
      return `The server answered ${status}.`;
  }
}

export async function getJSON<T>(path: string, query?: Query, signal?: AbortSignal): Promise<T> {
  const res = await send(path, { query, signal });
  return (await res.json()) as T;
}

export async function postJSON<T>(path: string, body: unknown, opts: Omit<RequestOptions, "body" | "method"> = {}): Promise<T> {
  const res = await send(path, { ...opts, method: "POST", body });
  return (await res.json()) as T;
}

export async function putJSON<T>(path: string, body: unknown): Promise<T> {
  const res = await send(path, { method: "PUT", body });
  return (await res.json()) as T;
}

export async function del(path: string): Promise<void> {
  await send(path, { method: "DELETE" });
}

/** POSTs and returns the body as a Blob (CSV exports). */
export async function postForBlob(path: string, body: unknown, query: Query, accept: string): Promise<Blob> {
  const res = await send(path, { method: "POST", body, query, accept });
  return res.blob();
}

/** The path of an entity's profile page in the UI. */
export function profilePath(kind: string, id: string): string | null {
  const seg = { person: "people", organization: "organizations", topic: "topics" }[kind];
  return seg ? `/${seg}/${encodeURIComponent(id)}` : null;
}

/** The API path of an entity's profile. */
export function profileAPI(kind: string, id: string): string | null {
  const seg = { person: "people", organization: "organizations", topic: "topics" }[kind];
  return seg ? `/api/v1/${seg}/${encodeURIComponent(id)}` : null;
}

/** Guesses an entity's kind from its id prefix (person:..., org:..., topic:...). */
export function kindOfId(id: string): Kind | "unknown" {
  const byPrefix: Record<string, Kind | undefined> = { person: "person", org: "organization", organization: "organization", topic: "topic", event: "event", ps: "partnership", pship: "partnership", partnership: "partnership", pub: "publication", src: "source" };
  return byPrefix[id.split(":")[0]] ?? "unknown";
}
