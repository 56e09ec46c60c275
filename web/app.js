// Reach web app. No framework and no build step: the browser's DOM, one module. Every value from the
// API (names from a CSV, subjects from a model, replies from strangers) becomes a text node through h(),
// never HTML; the Content-Security-Policy forbids inline script besides. docs/ARCHITECTURE.md "Web app".

// h("p", {class: "x"}, "text", child): an element; strings and numbers become text nodes.
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key === "class") el.className = value;
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const main = () => document.getElementById("main");

function show(title, ...content) {
  document.title = `${title} · Reach`;
  main().replaceChildren(h("h1", {}, title), ...content);
  main().focus();
}

function notice(text, kind = "") {
  return h("p", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, text);
}

function csrfToken() {
  const found = document.cookie.split(";").map((c) => c.trim()).find((c) => c.startsWith("reach_csrf="));
  return found ? decodeURIComponent(found.slice("reach_csrf=".length)) : "";
}

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// The API's error bodies: {"detail": "..."} or a list of field errors (422).
function errorMessage(status, body) {
  const detail = body && body.detail;
  if (typeof detail === "string") return detail;
  if (Array.isArray(detail) && detail.length)
    return detail.map((e) => `${(e.loc || []).slice(1).join(".") || "input"}: ${e.msg}`).join("; ");
  return `The server answered ${status}`;
}

async function api(method, path, body) {
  const headers = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET") headers["X-CSRF-Token"] = csrfToken();
  let response;
  try {
    response = await fetch(path, { method, headers, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, "Reach cannot be reached: check the connection and try again.");
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) throw new ApiError(response.status, errorMessage(response.status, data));
  return data;
}

// A form whose submit calls `action(values)`; its error, or the result's message, shows above it.
function form(fields, submitLabel, action) {
  const status = h("div", { "aria-live": "polite" });
  const button = h("button", { type: "submit" }, submitLabel);
  const el = h("form", { novalidate: true }, status, ...fields.map((f) =>
    h("label", {}, f.label, h("input", { name: f.name, type: f.type || "text", autocomplete: f.autocomplete, required: f.required, value: f.value }))), button);
  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(el).entries());
    button.disabled = true;
    status.replaceChildren();
    try {
      const message = await action(values);
      if (message) status.replaceChildren(notice(message, "ok"));
    } catch (e) {
      status.replaceChildren(notice(e.message, "error"));
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

const link = (href, text) => h("a", { href }, text);
const query = (name) => new URLSearchParams(location.search).get(name) || "";
const optional = (value) => (value && value.trim() ? value.trim() : undefined);

// Pages outside the app

function signupPage() {
  show("Create your account",
    form([
      { label: "Name", name: "name", autocomplete: "name" },
      { label: "Email", name: "email", type: "email", autocomplete: "email", required: true },
      { label: "Password (at least 8 characters)", name: "password", type: "password", autocomplete: "new-password", required: true },
    ], "Sign up", async (v) => {
      const r = await api("POST", "/api/auth/signup", { email: v.email, password: v.password, name: optional(v.name) });
      return r.message;
    }),
    h("p", {}, "Already have an account? ", link("/login", "Sign in")));
}

async function verifyPage() {
  const token = query("token");
  if (!token) return show("Verify your email", notice("This link has no token: open the link from the verification email.", "error"));
  show("Verify your email", notice("Checking your link…"));
  try {
    const r = await api("POST", "/api/auth/verify", { token });
    show("Email verified", notice(r.message, "ok"), h("p", {}, link("/login", "Sign in")));
  } catch (e) {
    show("Verify your email", notice(e.message, "error"), h("p", {}, "Links work once and expire. ", link("/login", "Sign in"), " or ask for a new link."));
  }
}

function loginPage() {
  show("Sign in",
    form([
      { label: "Email", name: "email", type: "email", autocomplete: "username", required: true },
      { label: "Password", name: "password", type: "password", autocomplete: "current-password", required: true },
    ], "Sign in", async (v) => {
      await api("POST", "/api/auth/session", { email: v.email, password: v.password });
      location.assign("/app");
    }),
    h("p", {}, link("/forgot-password", "Forgot your password?"), " · ", link("/signup", "Create an account")));
}

function forgotPage() {
  show("Reset your password",
    form([{ label: "Email", name: "email", type: "email", autocomplete: "email", required: true }], "Send the link",
      async (v) => (await api("POST", "/api/auth/forgot-password", { email: v.email })).message));
}

function resetPage() {
  const token = query("token");
  if (!token) return show("Set a new password", notice("This link has no token: open the link from the reset email.", "error"));
  show("Set a new password",
    form([{ label: "New password (at least 8 characters)", name: "new_password", type: "password", autocomplete: "new-password", required: true }], "Save the password",
      async (v) => {
        const r = await api("POST", "/api/auth/reset-password", { token, new_password: v.new_password });
        main().append(h("p", {}, link("/login", "Sign in")));
        return r.message;
      }));
}

function invitePage() {
  const token = query("token");
  if (!token) return show("Your invitation", notice("This link has no token: open the link from the invitation email.", "error"));
  const decline = h("button", { class: "secondary", type: "button" }, "Decline the invitation");
  decline.addEventListener("click", async () => {
    try {
      const r = await api("POST", "/api/auth/decline-invitation", { token });
      show("Invitation declined", notice(r.message, "ok"));
    } catch (e) {
      main().append(notice(e.message, "error"));
    }
  });
  show("Accept your invitation",
    form([
      { label: "Your name", name: "name", autocomplete: "name" },
      { label: "Choose a password (at least 8 characters)", name: "password", type: "password", autocomplete: "new-password", required: true },
    ], "Accept and set my password", async (v) => {
      const r = await api("POST", "/api/auth/invite-password", { token, password: v.password, name: optional(v.name) });
      main().append(h("p", {}, link("/login", "Sign in")));
      return r.message;
    }),
    h("p", {}, decline));
}

// The app (signed in): #/ companies, #/companies/<id> a company and its leads

let me = null;

async function signOut() {
  try {
    await api("DELETE", "/api/auth/session");
  } finally {
    location.assign("/login");
  }
}

function renderNav() {
  const nav = document.getElementById("nav");
  if (!me) return nav.replaceChildren(link("/login", "Sign in"), link("/signup", "Sign up"));
  const out = h("button", { class: "secondary", type: "button" }, "Sign out");
  out.addEventListener("click", signOut);
  nav.replaceChildren(link("/app#/", "Companies"), h("span", { class: "muted" }, me.email), out);
}

async function companiesPage() {
  const companies = await api("GET", "/api/companies");
  const list = companies.length
    ? h("ul", { class: "cards" }, companies.map((c) => h("li", { class: "card" },
        h("strong", {}, link(`/app#/companies/${c.id}`, c.name)),
        h("div", { class: "muted" }, c.website || c.industry || ""),
        c.research_status === "pending" ? h("div", { class: "muted" }, "Research is still running…") : null)))
    : h("p", { class: "empty" }, "No company yet: create one below to upload products and leads.");
  show("Your companies", list,
    h("h2", {}, "Create a company"),
    h("p", { class: "muted" }, "Give its website and Reach researches the rest."),
    form([
      { label: "Company name", name: "name", required: true },
      { label: "Website", name: "website", type: "url" },
      { label: "Industry", name: "industry" },
    ], "Create the company", async (v) => {
      const c = await api("POST", "/api/companies", { name: v.name, website: optional(v.website), industry: optional(v.industry) });
      location.hash = `#/companies/${c.id}`;
    }));
}

const PAGE_SIZE = 20;

async function companyPage(companyId, page, search) {
  const company = await api("GET", `/api/companies/${companyId}`);
  const params = new URLSearchParams({ page: String(page), page_size: String(PAGE_SIZE) });
  if (search) params.set("search", search);
  const leads = await api("GET", `/api/companies/${companyId}/leads?${params}`);
  const searchBox = h("input", { name: "search", type: "search", value: search, "aria-label": "Search leads" });
  const searchForm = h("form", { class: "row", role: "search" }, searchBox, h("button", { type: "submit" }, "Search"));
  searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = `#/companies/${companyId}?search=${encodeURIComponent(searchBox.value)}`;
  });
  const total = leads.total_is_estimate ? `about ${leads.total}` : String(leads.total);
  const table = leads.items.length
    ? h("table", {}, h("thead", {}, h("tr", {}, ["Name", "Email", "Company", "Job title"].map((t) => h("th", { scope: "col" }, t)))),
        h("tbody", {}, leads.items.map((l) => h("tr", { "data-lead": l.id },
          h("td", {}, l.name), h("td", {}, l.email || ""), h("td", {}, l.company || ""), h("td", {}, l.job_title || "")))))
    : h("p", { class: "empty" }, search ? "No lead matches this search." : "No leads yet: upload a CSV lead list through the API (the upload page is next).");
  const pages = Math.max(1, Math.ceil(leads.total / PAGE_SIZE));
  const to = (p) => `#/companies/${companyId}?page=${p}${search ? `&search=${encodeURIComponent(search)}` : ""}`;
  show(company.name,
    h("p", { class: "muted" }, [company.website, company.industry].filter(Boolean).join(" · ")),
    company.overview ? h("p", {}, company.overview) : null,
    h("h2", {}, `Leads (${total})`), searchForm, table,
    h("nav", { class: "pager", "aria-label": "Pages of leads" },
      page > 1 ? link(to(page - 1), "Previous") : null,
      h("span", {}, `Page ${page} of ${pages}`),
      page < pages ? link(to(page + 1), "Next") : null));
}

async function appRoute() {
  const [path, queryString] = (location.hash.slice(1) || "/").split("?");
  const params = new URLSearchParams(queryString || "");
  const parts = path.split("/").filter(Boolean);
  try {
    if (parts[0] === "companies" && parts[1])
      return await companyPage(parts[1], Math.max(1, Number(params.get("page")) || 1), params.get("search") || "");
    return await companiesPage();
  } catch (e) {
    if (e.status === 401) return location.assign("/login");
    show("Something went wrong", notice(e.status === 404 ? "Nothing here: it does not exist, or it is not yours to see." : e.message, "error"),
      h("p", {}, link("/app#/", "Back to your companies")));
  }
}

async function startApp() {
  try {
    me = await api("GET", "/api/users/me");
  } catch (e) {
    if (e.status === 401) return location.assign("/login");
    return show("Reach", notice(e.message, "error"));
  }
  renderNav();
  window.addEventListener("hashchange", appRoute);
  await appRoute();
}

const pages = { "/signup": signupPage, "/verify": verifyPage, "/login": loginPage, "/forgot-password": forgotPage, "/reset-password": resetPage, "/invite": invitePage, "/app": startApp };

function start() {
  const page = pages[location.pathname];
  if (page) {
    if (location.pathname !== "/app") renderNav();
    return page();
  }
  return startApp();  // "/": the app when signed in, else the sign-in page
}

start();
