// CryoGraph's web UI: the shell (header, navigation, sign-in) and the router that mounts one
// view at a time. Heavy views (the map, the console, profiles with their network) load their
// libraries only when opened.

import "./styles.css";
import { auth } from "./lib/api";
import { h, replace } from "./lib/dom";
import { currentRoute, startRouter, type Route } from "./lib/router";
import { announceView, errorBox, loading } from "./components/common";
import { openLogin, signOut } from "./components/login";

type ViewFn = (root: HTMLElement, route: Route, signal: AbortSignal) => void | (() => void);

const views: Record<string, () => Promise<ViewFn>> = {
  experts: async () => (await import("./views/experts")).expertsView,
  person: async () => (await import("./views/profile")).profileView,
  organization: async () => (await import("./views/profile")).profileView,
  topic: async () => (await import("./views/profile")).profileView,
  paths: async () => (await import("./views/paths")).pathsView,
  map: async () => (await import("./views/map")).mapView,
  console: async () => (await import("./views/console")).consoleView,
  partnership: async () => (await import("./views/partnership")).partnershipView,
  event: async () => (await import("./views/event")).eventView,
  report: async () => (await import("./views/report")).reportView,
  reportstatus: async () => (await import("./views/review")).reportStatusView,
  review: async () => (await import("./views/review")).reviewView,
  edit: async () => (await import("./views/edit")).editView,
};

const navItems: [string, string, string[]][] = [
  ["/experts", "Experts", ["experts", "person", "organization", "topic"]],
  ["/paths", "How are we connected?", ["paths"]],
  ["/map", "Partnership map", ["map", "report", "partnership", "event"]],
  ["/console", "Analyst console", ["console"]],
];

const logo = () => {
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "logo");
  svg.innerHTML = '<g fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"><path d="M12 2v20M3.3 7l17.4 10M20.7 7L3.3 17"/><path d="M9.5 3.5 12 6l2.5-2.5M9.5 20.5 12 18l2.5 2.5M3.6 10.3l3.4-.9-.9-3.4M20.4 13.7l-3.4.9.9 3.4M6.1 17.4l.9-3.4-3.4-.9M17.9 6.6l-.9 3.4 3.4.9"/></g>';
  return svg;
};

const nav = h("nav", { class: "mainnav", "aria-label": "Main" },
  h("ul", null, ...navItems.map(([href, label]) => h("li", null, h("a", { href, "data-nav": href }, label)))));
const authBox = h("div", { class: "header-auth" });
const main = h("main", { id: "main", tabindex: "-1" });

function renderAuth() {
  if (auth.token) {
    replace(authBox, h("button", { type: "button", class: "btn btn-ghost btn-small", onclick: () => signOut(), title: "Forget the API token in this tab" }, "Sign out"));
  } else {
    replace(authBox, h("button", { type: "button", class: "btn btn-ghost btn-small", onclick: () => openLogin() }, "Sign in"));
  }
}
window.addEventListener("cryograph:auth", () => {
  renderAuth();
  // What a view shows may depend on the token (anonymous reading may be off): show it again.
  // The console keeps its editor and reacts to sign-ins itself.
  if (main.dataset.view !== "console") void show(currentRoute());
});

document.body.replaceChildren(
  h("a", { class: "skip-link", href: "#main", onclick: (e: Event) => { e.preventDefault(); main.focus(); } }, "Skip to content"),
  h("header", { class: "topbar" },
    h("div", { class: "topbar-inner" },
      h("a", { class: "brand", href: "/", "aria-label": "CryoGraph home" }, logo(), h("span", null, "CryoGraph")),
      nav,
      authBox)),
  main,
  h("footer", { class: "footer" },
    h("p", null, "CryoGraph: an open knowledge graph of cryomedicine. Every fact carries its source."),
    h("p", null, h("a", { href: "/api/v1/experts?topic=organ%20preservation" }, "JSON API"), " · ",
      h("a", { href: "/api/docs" }, "API documentation"), " · ",
      h("a", { href: "/review" }, "Review reports (editors)"))),
);
renderAuth();

let leave: (() => void) | void;
let ctrl: AbortController | null = null;
let seq = 0;

async function show(route: Route) {
  const my = ++seq;
  ctrl?.abort();
  try {
    leave?.();
  } catch {
    /* a view failing to clean up must not block the next */
  }
  leave = undefined;
  ctrl = new AbortController();
  for (const a of nav.querySelectorAll<HTMLAnchorElement>("a[data-nav]")) {
    const item = navItems.find(([href]) => href === a.dataset.nav)!;
    if (item[2].includes(route.view)) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  main.dataset.view = route.view;
  const load = views[route.view];
  if (!load) {
    const heading = h("h1", null, "Page not found");
    replace(main, h("div", { class: "page-head" }, heading, h("p", null, "There is no page at this address. ", h("a", { href: "/" }, "Find experts"), " instead.")));
    announceView("Page not found", heading);
    return;
  }
  replace(main, loading());
  try {
    const view = await load();
    if (my !== seq) return;
    const root = h("div", { class: `view view-${route.view}` });
    replace(main, root);
    leave = view(root, route, ctrl.signal);
    window.scrollTo({ top: 0 });
  } catch (err) {
    if (my !== seq) return;
    replace(main, errorBox(err, () => void show(route)));
  }
}

startRouter((r) => void show(r));
