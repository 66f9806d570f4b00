// History routing: every view's state lives in the path and the query string, so any view can
// be bookmarked or shared as a link. The Go server answers every app path with index.html.

export interface Route {
  /** The view's name: experts, person, organization, topic, paths, map, report (the printable
   * partnership report), partnership, event, console, reportstatus (a report of an error),
   * review, edit, notfound. */
  view: string;
  /** The entity id of profile, partnership and event views. */
  id?: string;
  params: URLSearchParams;
}

const profileSegments: Record<string, string> = { people: "person", organizations: "organization", topics: "topic" };
/** The pages of partnerships and events (views/partnership.ts, views/event.ts). */
const pageSegments: Record<string, string> = { partnerships: "partnership", events: "event" };

export function parseRoute(pathname: string, search: string): Route {
  const params = new URLSearchParams(search);
  const parts = pathname.split("/").filter(Boolean);
  if (parts.length === 0) return { view: "experts", params };
  const [first, second] = parts;
  if (profileSegments[first] && second && parts.length === 2) {
    return { view: profileSegments[first], id: decodeURIComponent(second), params };
  }
  if (pageSegments[first] && second && parts.length === 2) {
    return { view: pageSegments[first], id: decodeURIComponent(second), params };
  }
  if (first === "reports" && second && parts.length === 2) return { view: "reportstatus", id: decodeURIComponent(second), params };
  if (parts.length === 1 && ["experts", "paths", "map", "report", "console", "review", "edit"].includes(first)) return { view: first, params };
  return { view: "notfound", params };
}

type Listener = (r: Route) => void;
let listener: Listener | null = null;

export function currentRoute(): Route {
  return parseRoute(window.location.pathname, window.location.search);
}

/** Starts routing: calls onRoute now and after every navigation. */
export function startRouter(onRoute: Listener): void {
  listener = onRoute;
  window.addEventListener("popstate", () => onRoute(currentRoute()));
  // Same-origin links to app paths navigate without a page load; modified clicks (new tab,
  // download) and links to the API or to other sites are left to the browser.
  document.addEventListener("click", (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.("a");
    if (!a || a.target || a.hasAttribute("download")) return;
    const href = a.getAttribute("href");
    if (!href || !href.startsWith("/") || href.startsWith("//") || href.startsWith("/api/")) return;
    e.preventDefault();
    navigate(href);
  });
  onRoute(currentRoute());
}

/** Goes to an app path, adding a history entry. */
export function navigate(href: string): void {
  if (href === window.location.pathname + window.location.search) return;
  window.history.pushState(null, "", href);
  listener?.(currentRoute());
}

/**
 * Writes a view's state into the URL without re-rendering the view: the view already shows
 * it. push adds a history entry (a submitted search); otherwise the entry is replaced (typing).
 */
export function setQuery(params: Record<string, string | number | boolean | undefined | null>, push = false): void {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "" || v === false) continue;
    q.set(k, String(v));
  }
  const qs = q.toString();
  const href = window.location.pathname + (qs ? `?${qs}` : "");
  if (href === window.location.pathname + window.location.search) return;
  if (push) window.history.pushState(null, "", href);
  else window.history.replaceState(null, "", href);
}

/** The app path with the given query. */
export function hrefWith(path: string, params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === "" || v === false) continue;
    q.set(k, String(v));
  }
  const qs = q.toString();
  return path + (qs ? `?${qs}` : "");
}
