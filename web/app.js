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
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

const main = () => document.getElementById("main");

// Children for replaceChildren/append, without the absent ones (the DOM would write them as "null").
const present = (children) => children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false);

function show(title, ...content) {
  document.title = `${title} · Reach`;
  main().replaceChildren(h("h1", {}, title), ...present(content));
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

// A multipart upload with progress (fetch cannot report it): onProgress(fraction) as bytes leave.
function upload(path, formData, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("X-CSRF-Token", csrfToken());
    xhr.upload.addEventListener("progress", (e) => e.lengthComputable && onProgress(e.loaded / e.total));
    xhr.addEventListener("error", () => reject(new ApiError(0, "The upload was cut off: check the connection and try again.")));
    xhr.addEventListener("load", () => {
      let data = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(new ApiError(xhr.status, errorMessage(xhr.status, data)));
    });
    xhr.send(formData);
  });
}

// A file picker that is also a drop zone; keyboard users reach the input inside it.
function dropZone(label, accept, onFile) {
  const input = h("input", { type: "file", accept, name: "file" });
  const chosen = h("span", { class: "muted" }, "No file chosen");
  const zone = h("label", { class: "drop" }, h("span", {}, label), input, chosen);
  const take = (file) => {
    if (!file) return;
    chosen.textContent = `${file.name} (${Math.ceil(file.size / 1024)} KB)`;
    onFile(file);
  };
  input.addEventListener("change", () => take(input.files[0]));
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("over");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("over");
    take(e.dataTransfer.files[0]);
  });
  return zone;
}

// One labelled control of a form: {label, name, type (text, email, password, url, number, select,
// textarea, checkbox), value, options: [[value, text]], required, autocomplete, hint}.
function control(f) {
  let input;
  if (f.type === "select")
    input = h("select", { name: f.name, required: f.required }, (f.options || []).map(([value, text]) => h("option", { value, selected: value === f.value }, text)));
  else if (f.type === "textarea") input = h("textarea", { name: f.name, rows: "5", required: f.required }, f.value || "");
  else if (f.type === "checkbox") return h("label", { class: "check" }, h("input", { name: f.name, type: "checkbox", checked: Boolean(f.value) }), f.label);
  else if (f.type === "days")  // the week's days, Monday = 1 as the API counts them
    return h("fieldset", { class: "days" }, h("legend", {}, f.label), ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map((day, i) =>
      h("label", { class: "check" }, h("input", { name: f.name, type: "checkbox", value: i + 1, checked: (f.value || []).includes(i + 1) }), day)));
  else input = h("input", { name: f.name, type: f.type || "text", autocomplete: f.autocomplete, required: f.required, value: f.value, min: f.min });
  return h("label", {}, f.label, input, f.hint ? h("small", { class: "muted" }, f.hint) : null);
}

// A form whose submit calls `action(values)`; its error, or the result's message, shows above it.
function form(fields, submitLabel, action) {
  const status = h("div", { "aria-live": "polite" });
  const button = h("button", { type: "submit" }, submitLabel);
  const el = h("form", { novalidate: true }, status, ...fields.map(control), button);
  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    const values = Object.fromEntries(new FormData(el).entries());
    for (const f of fields) {
      if (f.type === "checkbox") values[f.name] = values[f.name] === "on";
      if (f.type === "days") values[f.name] = new FormData(el).getAll(f.name).map(Number);
    }
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

// The user's companies, asked for once and kept until they change (a company made, a company left):
// every company page's switcher reads them.
let companiesKept = null;
const myCompanies = () => (companiesKept ??= api("GET", "/api/companies").catch((e) => { companiesKept = null; throw e; }));
const companiesChanged = () => { companiesKept = null; };

async function companiesPage() {
  const companies = await myCompanies();
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
      companiesChanged();
      location.hash = `#/companies/${c.id}`;
    }));
}

const PAGE_SIZE = 20;

// The company's name, what research found, and its tabs.
// A choice of the user's companies, shown when there is more than one: the same page of another company.
function companySwitcher(company, current) {
  const select = h("select", { "aria-label": "Company", class: "switcher" });
  const box = h("span", { class: "switch", hidden: true }, select);
  myCompanies().then((all) => {
    if (all.length < 2) return;
    select.replaceChildren(...all.map((c) => h("option", { value: c.id, selected: c.id === company.id }, c.name)));
    box.hidden = false;
  }).catch(() => {});  // the switcher is a convenience: without it the page still works
  const tail = { leads: "", upload: "/upload", products: "/products", campaigns: "/campaigns", settings: "/settings" };
  select.addEventListener("change", () => { location.hash = `#/companies/${select.value}${tail[current] ?? ""}`; });
  return box;
}

function companyHeader(company, current) {
  const tab = (key, href, text) => h("a", { href, "aria-current": key === current ? "page" : undefined }, text);
  const base = `#/companies/${company.id}`;
  return [
    h("p", { class: "muted row" }, [company.website, company.industry].filter(Boolean).join(" · "), companySwitcher(company, current)),
    company.research_status === "pending" ? h("p", { class: "muted" }, "Research about the company is still running.") : null,
    h("nav", { class: "tabs", "aria-label": "Company" }, tab("leads", base, "Leads"), tab("upload", `${base}/upload`, "Upload leads"),
      tab("products", `${base}/products`, "Products"), tab("campaigns", `${base}/campaigns`, "Campaigns"), tab("settings", `${base}/settings`, "Settings")),
  ];
}

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
          h("td", {}, link(`#/companies/${companyId}/leads/${l.id}`, l.name)), h("td", {}, l.email || ""), h("td", {}, l.company || ""), h("td", {}, l.job_title || "")))))
    : h("p", { class: "empty" }, search ? "No lead matches this search." : "No leads yet: upload a CSV lead list (the Upload leads tab).");
  const pages = Math.max(1, Math.ceil(leads.total / PAGE_SIZE));
  const to = (p) => `#/companies/${companyId}?page=${p}${search ? `&search=${encodeURIComponent(search)}` : ""}`;
  show(company.name, ...companyHeader(company, "leads"),
    company.overview ? h("p", {}, company.overview) : null,
    h("h2", {}, `Leads (${total})`), searchForm, table,
    h("nav", { class: "pager", "aria-label": "Pages of leads" },
      page > 1 ? link(to(page - 1), "Previous") : null,
      h("span", {}, `Page ${page} of ${pages}`),
      page < pages ? link(to(page + 1), "Next") : null));
  performance.mark("leads-rendered");  // read by bench/web_leads_page.py: navigation to a rendered list
}

function progressBar(label) {
  const bar = h("progress", { max: "1", value: "0", "aria-label": label });
  const text = h("span", { class: "muted", "aria-live": "polite" });
  return { el: h("div", { class: "row" }, bar, text), set: (fraction, words) => { bar.value = fraction; text.textContent = words; } };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A lead list: the file goes up with a progress bar, then the import's rows are followed as they are
// processed; the result and the skipped rows, with their reasons, close it.
async function leadUploadPage(companyId) {
  const company = await api("GET", `/api/companies/${companyId}`);
  const status = h("div", { "aria-live": "polite" });
  const result = h("div");
  let file = null;
  const button = h("button", { type: "submit" }, "Upload and import");
  const el = h("form", {}, status, dropZone("Drop a CSV lead list here, or choose one (up to 256 MiB)", ".csv,text/csv", (f) => { file = f; }), button);
  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!file) return status.replaceChildren(notice("Choose a CSV file first.", "error"));
    button.disabled = true;
    result.replaceChildren();
    const bar = progressBar("Upload");
    status.replaceChildren(bar.el);
    try {
      const data = new FormData();
      data.append("file", file);
      const started = await upload(`/api/companies/${companyId}/leads/upload`, data, (f) => bar.set(f, `Uploading: ${Math.round(f * 100)}%`));
      let task;
      for (;;) {
        task = await api("GET", `/api/tasks/${started.task_id}`);
        bar.set(task.status === "completed" ? 1 : 0.5, `${task.status}: ${task.rows_processed} rows processed`);
        if (task.status === "completed" || task.status === "failed") break;
        await sleep(500);
      }
      if (task.status === "failed") return status.replaceChildren(notice(`The import failed: ${task.failure_reason}`, "error"));
      const r = task.result;
      status.replaceChildren(notice(`Imported ${task.rows_processed} rows: ${r.leads_created} leads created, ${r.leads_updated} updated, ${r.leads_skipped} skipped.`, "ok"));
      if (r.unmapped_headers && r.unmapped_headers.length) result.append(h("p", { class: "muted" }, `Columns not used: ${r.unmapped_headers.join(", ")}`));
      if (r.leads_skipped > 0) {
        const skipped = await api("GET", `/api/upload-tasks/${task.id}/skipped-rows?page=1&page_size=50`);
        result.append(h("h2", {}, `Skipped rows (${skipped.total})`),
          h("table", { class: "skipped" }, h("thead", {}, h("tr", {}, ["Row", "Reason", "Data"].map((t) => h("th", { scope: "col" }, t)))),
            h("tbody", {}, skipped.items.map((row) => h("tr", {}, h("td", {}, row.row_number), h("td", {}, row.reason),
              h("td", {}, typeof row.raw_data === "string" ? row.raw_data : JSON.stringify(row.raw_data)))))));
      }
      result.append(h("p", {}, link(`#/companies/${companyId}`, "See the leads")));
    } catch (e) {
      status.replaceChildren(notice(e.message, "error"));
    } finally {
      button.disabled = false;
    }
  });
  show(`${company.name}: upload leads`, ...companyHeader(company, "upload"),
    h("p", {}, "A header row names the columns (name, email, phone, company, job title, …); rows without an email or a phone number are skipped with the reason."),
    el, result);
}

function productCard(companyId, p) {
  const card = h("li", { class: "card", "data-product": p.id });
  const view = () => {
    const edit = h("button", { class: "secondary", type: "button" }, "Edit");
    const remove = h("button", { class: "secondary", type: "button" }, "Delete");
    edit.addEventListener("click", () => card.replaceChildren(...present(editForm())));
    remove.addEventListener("click", async () => {
      if (!confirm(`Delete the product "${p.product_name}"? Campaigns that use it stop.`)) return;
      try {
        await api("DELETE", `/api/companies/${companyId}/products/${p.id}`);
        card.remove();
      } catch (e) {
        card.append(notice(e.message, "error"));
      }
    });
    return [h("h3", {}, p.product_name), h("p", { class: "muted" }, p.original_filename || p.file_name || ""),
      h("p", { class: "description" }, p.description || "No description was found in the file: add one."),
      p.product_url ? h("p", {}, /^https?:\/\//i.test(p.product_url) ? h("a", { href: p.product_url, rel: "noopener noreferrer" }, p.product_url) : p.product_url) : null,
      h("div", { class: "row" }, edit, remove)];
  };
  const editForm = () => [form([
    { label: "Name", name: "product_name", value: p.product_name, required: true },
    { label: "Web page", name: "product_url", type: "url", value: p.product_url || "" },
    { label: "Description", name: "description", value: p.description || "" },
  ], "Save", async (v) => {
    Object.assign(p, await api("PUT", `/api/companies/${companyId}/products/${p.id}`, { product_name: v.product_name, description: v.description, product_url: v.product_url }));
    card.replaceChildren(...present(view()));
  })];
  card.replaceChildren(...present(view()));
  return card;
}

async function productsPage(companyId) {
  const [company, products] = await Promise.all([api("GET", `/api/companies/${companyId}`), api("GET", `/api/companies/${companyId}/products`)]);
  const list = h("ul", { class: "cards" }, products.map((p) => productCard(companyId, p)));
  const status = h("div", { "aria-live": "polite" });
  const name = h("input", { name: "product_name", required: true });
  let file = null;
  const button = h("button", { type: "submit" }, "Upload the product");
  const el = h("form", {}, status, h("label", {}, "Product name", name),
    dropZone("Drop a .pdf, .docx or .txt about the product here, or choose one", ".pdf,.docx,.txt", (f) => { file = f; }), button);
  el.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!name.value.trim() || !file) return status.replaceChildren(notice("Give the product a name and choose its file.", "error"));
    button.disabled = true;
    const bar = progressBar("Upload");
    status.replaceChildren(bar.el);
    try {
      const data = new FormData();
      data.append("product_name", name.value.trim());
      data.append("file", file);
      const p = await upload(`/api/companies/${companyId}/products`, data, (f) => bar.set(f, f < 1 ? `Uploading: ${Math.round(f * 100)}%` : "Reading the document…"));
      list.append(productCard(companyId, p));
      empty.remove();
      status.replaceChildren(notice(`"${p.product_name}" is ready.`, "ok"));
      el.reset();
      file = null;
    } catch (e) {
      status.replaceChildren(notice(e.message, "error"));
    } finally {
      button.disabled = false;
    }
  });
  const empty = products.length ? h("span") : h("p", { class: "empty" }, "No products yet: upload a document that describes what you sell.");
  show(`${company.name}: products`, ...companyHeader(company, "products"), empty, list, h("h2", {}, "Add a product"), el);
}

// Campaigns: create and run; a run's progress live; a campaign's runs and the emails they sent; a thread.

const when = (iso) => (iso ? new Date(iso).toLocaleString() : "");
const COUNTS = [["queued", "Queued"], ["sent", "Sent"], ["failed", "Failed"], ["skipped", "Skipped"], ["uncertain", "Uncertain"], ["opened", "Opened"], ["clicked", "Clicked"], ["replied", "Replied"], ["unsubscribed", "Unsubscribed"]];

function countsTable(counts) {
  return h("table", { class: "counts" }, h("thead", {}, h("tr", {}, COUNTS.map(([, text]) => h("th", { scope: "col" }, text)))),
    h("tbody", {}, h("tr", {}, COUNTS.map(([key]) => h("td", { "data-count": key }, counts[key] ?? 0)))));
}

async function campaignsPage(companyId) {
  const [company, campaigns, products] = await Promise.all([api("GET", `/api/companies/${companyId}`),
    api("GET", `/api/companies/${companyId}/campaigns`), api("GET", `/api/companies/${companyId}/products`)]);
  const base = `#/companies/${companyId}`;
  const list = campaigns.length
    ? h("ul", { class: "cards" }, campaigns.map((c) => {
        const run = h("button", { type: "button" }, "Run now");
        const card = h("li", { class: "card", "data-campaign": c.id }, h("h3", {}, link(`${base}/campaigns/${c.id}`, c.name)),
          h("p", { class: "muted" }, `${c.type} · created ${when(c.created_at)}`), h("div", { class: "row" }, run));
        run.addEventListener("click", async () => {
          run.disabled = true;
          try {
            const r = await api("POST", `/api/campaigns/${c.id}/run`);
            location.hash = `${base}/runs/${r.campaign_run_id}`;
          } catch (e) {
            card.append(notice(e.message, "error"));
            run.disabled = false;
          }
        });
        return card;
      }))
    : h("p", { class: "empty" }, "No campaigns yet: create one below.");
  const create = products.length
    ? form([
        { label: "Campaign name", name: "name", required: true },
        { label: "Product", name: "product_id", type: "select", options: products.map((p) => [p.id, p.product_name]) },
        { label: "What the emails should say (optional)", name: "template", type: "textarea", hint: "Tone, offer, call to action: the writer follows it for every lead." },
        { label: "Track clicks on links", name: "track_clicks", type: "checkbox" },
        { label: "Follow-ups", name: "number_of_reminders", type: "number", value: 0, min: "0", hint: "Kept with the campaign for the follow-up sender, which Reach does not have yet: no follow-up is sent today." },
        { label: "Days between follow-ups", name: "days_between_reminders", type: "number", value: 3, min: "0" },
        { label: "Send only within working hours (below)", name: "windowed", type: "checkbox" },
        { label: "Time zone of the hours", name: "timezone", value: Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC", hint: "An IANA name such as Europe/Berlin or America/New_York." },
        { label: "Days", name: "days", type: "days", value: [1, 2, 3, 4, 5] },
        { label: "From", name: "start", type: "time", value: "09:00" },
        { label: "Until", name: "end", type: "time", value: "17:00" },
      ], "Create the campaign", async (v) => {
        const schedule = v.windowed ? { timezone: v.timezone.trim(), days: v.days, start: v.start, end: v.end } : undefined;
        const reminders = Number(v.number_of_reminders) || 0;
        await api("POST", `/api/companies/${companyId}/campaigns`, { name: v.name, type: "email", product_id: v.product_id, template: optional(v.template), track_clicks: v.track_clicks, schedule,
          number_of_reminders: reminders, days_between_reminders: reminders ? Number(v.days_between_reminders) || 0 : 0 });
        await campaignsPage(companyId);
      })
    : h("p", { class: "empty" }, "A campaign sells a product: ", link(`${base}/products`, "add a product"), " first.");
  show(`${company.name}: campaigns`, ...companyHeader(company, "campaigns"), list, h("h2", {}, "New email campaign"),
    h("p", { class: "muted" }, "Mail goes from the company's mailbox (Settings), within its sending limits."), create);
}

async function runPage(companyId, runId) {
  const route = location.hash;
  const company = await api("GET", `/api/companies/${companyId}`);
  const body = h("div", { "aria-live": "polite" });
  const cancel = h("button", { class: "secondary", type: "button" }, "Cancel the run");
  cancel.addEventListener("click", async () => {
    try {
      await api("POST", `/api/campaign-runs/${runId}/cancel`);
    } catch (e) {
      body.append(notice(e.message, "error"));
    }
  });
  show(`${company.name}: campaign run`, ...companyHeader(company, "campaigns"), body);
  for (;;) {
    if (location.hash !== route) return;  // the user went elsewhere: stop following
    const run = await api("GET", `/api/campaign-runs/${runId}`);
    const done = run.status !== "running" && run.status !== "queued";
    const bar = h("progress", { max: String(Math.max(run.leads_total, 1)), value: String(run.leads_processed), "aria-label": "Leads processed" });
    body.replaceChildren(...present([
      h("p", {}, h("strong", { "data-status": run.status }, run.status), ` · ${run.leads_processed} of ${run.leads_total} leads processed · started ${when(run.run_at)}`),
      bar, countsTable(run.counts),
      run.failure_reason ? notice(run.failure_reason, "error") : null,
      done ? null : cancel,
      h("p", {}, link(`#/companies/${companyId}/campaigns/${run.campaign_id}`, "The campaign's runs and emails"))]));
    if (done) return;
    await sleep(1000);
  }
}

// Analytics: the funnel as bars (each stage's share of the emails sent) and the activity of each day as
// an SVG chart, with the same numbers in a table for screen readers and for copying.
const FUNNEL = [["sent", "Sent"], ["opened", "Opened"], ["clicked", "Clicked"], ["replied", "Replied"], ["meeting_booked", "Meeting booked"]];
const ACTIVITY = [["sent", "Sent"], ["opened", "Opened"], ["clicked", "Clicked"], ["replied", "Replied"]];
const svg = (tag, attrs = {}, ...children) => {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  el.append(...children.map((c) => (c instanceof Node ? c : document.createTextNode(String(c)))));
  return el;
};
const percent = (part, whole) => (whole ? `${Math.round((100 * part) / whole)}%` : "–");

function funnelChart(funnel) {
  return h("ol", { class: "funnel", "aria-label": "Funnel" }, FUNNEL.map(([key, text]) => {
    const fill = h("span", { class: `fill ${key}` });
    fill.style.width = funnel.sent ? `${(100 * funnel[key]) / funnel.sent}%` : "0";  // CSSOM: allowed by the CSP
    return h("li", { "data-stage": key }, h("span", { class: "stage" }, text),
      h("span", { class: "track" }, fill), h("span", { class: "figure" }, `${funnel[key]} (${percent(funnel[key], funnel.sent)})`));
  }));
}

function activityChart(days) {
  const top = Math.max(1, ...days.flatMap((d) => ACTIVITY.map(([key]) => d[key])));
  const slot = 24, bar = slot / (ACTIVITY.length + 1), height = 120;
  const chart = svg("svg", { viewBox: `0 0 ${days.length * slot} ${height + 16}`, class: "activity", role: "img",
    "aria-label": `Activity per day, ${days[0].date} to ${days[days.length - 1].date}` });
  days.forEach((d, i) => {
    ACTIVITY.forEach(([key], k) => {
      const hgt = (height * d[key]) / top;
      chart.append(svg("rect", { x: i * slot + (k + 0.5) * bar, y: height - hgt, width: bar, height: hgt, class: key },
        svg("title", {}, `${d.date}: ${d[key]} ${key}`)));
    });
    if ((days.length - 1 - i) % 7 === 0)  // a date a week apart, counted back from today
      chart.append(svg("text", { x: i * slot + slot / 2, y: height + 13, "text-anchor": "middle" }, d.date.slice(5)));
  });
  const legend = h("p", { class: "legend" }, ACTIVITY.map(([key, text]) => h("span", { class: key }, text)));
  const active = days.filter((d) => ACTIVITY.some(([key]) => d[key]));
  const table = h("details", {}, h("summary", {}, "The days as a table"), active.length
    ? h("table", {}, h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Day"), ACTIVITY.map(([, text]) => h("th", { scope: "col" }, text)))),
      h("tbody", {}, active.map((d) => h("tr", { "data-day": d.date }, h("td", {}, d.date), ACTIVITY.map(([key]) => h("td", {}, d[key]))))))
    : h("p", { class: "empty" }, "No activity in these days."));
  return [chart, legend, table];
}

// The analytics of a campaign or of one of its runs, with a choice of run and period.
function analyticsSection(campaignId, runs) {
  const section = h("section", { class: "analytics", "aria-live": "polite" });
  const runChoice = h("select", { "aria-label": "Runs" }, h("option", { value: "" }, "All runs"),
    runs.map((r) => h("option", { value: r.id }, `Run of ${when(r.run_at)}`)));
  const period = h("select", { "aria-label": "Period" }, [[7, "Last 7 days"], [30, "Last 30 days"], [90, "Last 90 days"], [365, "Last year"]]
    .map(([n, text]) => h("option", { value: n, selected: n === 30 }, text)));
  const body = h("div");
  const load = async () => {
    const run = runChoice.value ? `&run_id=${runChoice.value}` : "";
    try {
      const a = await api("GET", `/api/campaigns/${campaignId}/analytics?days=${period.value}${run}`);
      body.replaceChildren(funnelChart(a.funnel), h("h3", {}, "Activity per day (UTC)"), ...activityChart(a.days));
    } catch (e) {
      body.replaceChildren(notice(e.message, "error"));
    }
  };
  runChoice.addEventListener("change", load);
  period.addEventListener("change", load);
  section.append(h("div", { class: "row" }, runChoice, period), body);
  load();
  return section;
}

async function campaignPage(companyId, campaignId) {
  const filter = `campaign_id=${campaignId}`;
  const [company, campaign, runs, emails] = await Promise.all([api("GET", `/api/companies/${companyId}`), api("GET", `/api/campaigns/${campaignId}`),
    api("GET", `/api/companies/${companyId}/campaign-runs?${filter}&page_size=20`), api("GET", `/api/companies/${companyId}/emails?${filter}&page_size=50`)]);
  const base = `#/companies/${companyId}`;
  show(campaign.name, ...companyHeader(company, "campaigns"),
    campaign.template ? h("p", { class: "muted" }, `Template: ${campaign.template}`) : null,
    h("p", { class: "muted", "data-schedule": "" }, scheduleText(campaign.schedule)),
    campaign.number_of_reminders ? h("p", { class: "muted" }, `Follow-ups planned: ${campaign.number_of_reminders}, ${campaign.days_between_reminders} days apart (not sent yet: Reach has no follow-up sender).`) : null,
    h("h2", {}, "Analytics"), analyticsSection(campaignId, runs.items),
    h("h2", {}, `Runs (${runs.total})`),
    runs.items.length ? h("table", {}, h("thead", {}, h("tr", {}, ["Started", "Status", "Sent", "Opened", "Failed"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, runs.items.map((r) => h("tr", {}, h("td", {}, link(`${base}/runs/${r.id}`, when(r.run_at))), h("td", {}, r.status),
        h("td", {}, r.counts.sent), h("td", {}, r.counts.opened), h("td", {}, r.counts.failed))))) : h("p", { class: "empty" }, "Not run yet."),
    h("h2", {}, `Emails sent (${emails.total})`), emailsTable(base, emails.items, "lead"));
}

function scheduleText(schedule) {
  if (!schedule) return "Sends at any hour.";
  const names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  return `Sends ${schedule.days.map((d) => names[d - 1]).join(", ")} from ${schedule.start} to ${schedule.end} (${schedule.timezone}).`;
}

// Emails as a table whose first column (linking to the thread) names the lead or the campaign.
function emailsTable(base, items, first) {
  if (!items.length) return h("p", { class: "empty" }, "No email sent yet.");
  const yes = (v) => (v ? "yes" : "no");
  const heads = first === "lead" ? ["Lead", "Email"] : ["Campaign"];
  return h("table", { class: "emails" }, h("thead", {}, h("tr", {}, [...heads, "Sent", "Opened", "Clicked", "Replied"].map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, items.map((e) => h("tr", { "data-email": e.id },
      first === "lead" ? [h("td", {}, link(`${base}/emails/${e.id}`, e.lead_name)), h("td", {}, e.lead_email || "")]
        : h("td", {}, link(`${base}/emails/${e.id}`, e.campaign_name)),
      h("td", {}, when(e.sent_at)), h("td", {}, yes(e.has_opened)), h("td", {}, yes(e.has_clicked)), h("td", {}, yes(e.has_replied))))));
}

async function threadPage(companyId, emailId) {
  const [company, messages] = await Promise.all([api("GET", `/api/companies/${companyId}`), api("GET", `/api/companies/${companyId}/emails/${emailId}`)]);
  show(messages.length ? messages[0].email_subject : "Email", ...companyHeader(company, "campaigns"),
    messages.map((m) => h("article", { class: "card message" },
      h("p", { class: "muted" }, `${m.from_name ? `${m.from_name} <${m.from_email}>` : m.from_email} → ${m.to_email} · ${when(m.sent_at)} · ${m.sender_type}`),
      h("h3", {}, m.email_subject), h("div", { class: "body" }, m.email_body))));
}

// A part of a page that loads itself and can be loaded again (after a change), with a message.
function livePart(render) {
  const el = h("div", { "aria-live": "polite" });
  const refresh = async (message) => {
    try {
      el.replaceChildren(...present([await render(refresh), message ? notice(message, "ok") : null]));
    } catch (e) {
      el.replaceChildren(notice(e.message, "error"));
    }
  };
  refresh();
  return el;
}

// A button that does one thing and then reloads its part; an error is shown beside it.
function actionButton(label, work, { confirmText, kind = "secondary" } = {}) {
  const b = h("button", { type: "button", class: kind }, label);
  b.addEventListener("click", async () => {
    if (confirmText && !window.confirm(confirmText)) return;
    b.disabled = true;
    try {
      await work();
    } catch (e) {
      b.disabled = false;
      b.after(notice(e.message, "error"));
    }
  });
  return b;
}

// Team: who works in the company and as what. Admins invite, change roles and remove; the API keeps
// at least one admin.
async function teamPart(companyId, refresh) {
  const members = await api("GET", `/api/companies/${companyId}/users`);
  const admin = members.some((m) => m.user_id === me.id && m.role === "admin");
  const path = (m) => `/api/companies/${companyId}/users/${m.user_id}`;
  const roles = [["admin", "Admin"], ["sdr", "SDR"]];
  const rows = members.map((m) => {
    const you = m.user_id === me.id;
    let role = roles.find(([v]) => v === m.role)?.[1] ?? m.role;
    if (admin) {
      role = h("select", { "aria-label": `Role of ${m.email}` }, roles.map(([v, text]) => h("option", { value: v, selected: v === m.role }, text)));
      role.addEventListener("change", async () => {
        try {
          await api("PATCH", path(m), { role: role.value });
          await refresh(`${m.email} is now ${role.value === "admin" ? "an admin" : "an SDR"}.`);
        } catch (e) {
          await refresh();
          role.after(notice(e.message, "error"));
        }
      });
    }
    const remove = admin ? actionButton(you ? "Leave" : "Remove", async () => {
      await api("DELETE", path(m));
      if (you) {
        companiesChanged();
        location.hash = "#/";
      }
      else await refresh(`${m.email} no longer has access.`);
    }, { confirmText: you ? "Leave this company? You lose access at once." : `Remove ${m.email} from the company?` }) : null;
    return h("tr", { "data-member": m.email }, h("td", {}, m.name || ""), h("td", {}, m.email, you ? " (you)" : ""), h("td", {}, role), admin ? h("td", {}, remove) : null);
  });
  const table = h("table", {}, h("thead", {}, h("tr", {}, ["Name", "Email", "Role", admin ? "" : null].filter((t) => t !== null).map((t) => h("th", { scope: "col" }, t)))), h("tbody", {}, rows));
  if (!admin) return [table, h("p", { class: "muted" }, "Admins invite people and change roles.")];
  const invite = form([
    { label: "Email address", name: "email", type: "email", required: true },
    { label: "Name (optional)", name: "name" },
    { label: "Role", name: "role", type: "select", value: "sdr", options: [["sdr", "SDR: leads, products and campaigns"], ["admin", "Admin: also settings and the team"]] },
  ], "Send the invitation", async (v) => {
    const r = await api("POST", `/api/companies/${companyId}/invite`, { invites: [{ email: v.email, name: optional(v.name), role: v.role }] });
    return r.results.map((x) => `${x.email}: ${x.message}`).join(" ");
  });
  return [table, h("h3", {}, "Invite someone"), invite];
}

// Addresses the company never emails: unsubscribes, bounces and those added by hand.
async function doNotEmailPart(companyId, refresh) {
  const list = await api("GET", `/api/companies/${companyId}/do-not-email?page_size=100`);
  const reasons = { manual: "added by hand", unsubscribed: "unsubscribed", bounced: "bounced" };
  const table = list.items.length
    ? h("table", {}, h("thead", {}, h("tr", {}, ["Email", "Why", "Since", ""].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, list.items.map((e) => h("tr", { "data-blocked": e.email }, h("td", {}, e.email), h("td", {}, reasons[e.reason] || e.reason), h("td", {}, when(e.created_at)),
        h("td", {}, actionButton("Remove", async () => {
          await api("DELETE", `/api/companies/${companyId}/do-not-email?email=${encodeURIComponent(e.email)}`);
          await refresh(`${e.email} may be emailed again.`);
        }, { confirmText: `Allow emails to ${e.email} again?` }))))))
    : h("p", { class: "empty" }, "Nobody yet. Unsubscribes and bounces are added here by themselves.");
  const more = list.total > list.items.length ? h("p", { class: "muted" }, `The first ${list.items.length} of ${list.total}.`) : null;
  const add = form([{ label: "Email address", name: "email", type: "email", required: true }], "Never email this address", async (v) => {
    await api("POST", `/api/companies/${companyId}/do-not-email`, { email: v.email, reason: "manual" });
    await refresh(`${v.email} will not be emailed.`);
  });
  return [table, more, add];
}

// What the company's AI calls took in the last 30 days: requests and tokens per provider, and per day.
async function usagePart(companyId) {
  const u = await api("GET", `/api/companies/${companyId}/usage`);
  if (!u.totals.length) return [h("p", { class: "empty" }, `No AI calls from ${u.from} to ${u.to}.`)];
  const n = (v) => v.toLocaleString();
  const usd = (v) => (v === null || v === undefined ? "no price set" : `$${v.toFixed(v < 1 ? 4 : 2)}`);
  const table = (rows, first) => h("table", { class: "counts" },
    h("thead", {}, h("tr", {}, [first, "Provider", "Requests", "Prompt tokens", "Completion tokens", "Cost"].filter(Boolean).map((t) => h("th", { scope: "col" }, t)))),
    h("tbody", {}, rows.map((r) => h("tr", { "data-usage": r.provider }, first ? h("td", {}, r.day) : null, h("td", {}, r.provider),
      h("td", {}, n(r.requests)), h("td", {}, n(r.prompt_tokens)), h("td", {}, n(r.completion_tokens)), h("td", { "data-cost": "" }, usd(r.cost_usd))))));
  const total = u.cost_usd === null ? "Some providers have no price (REACH_AI_PRICES), so there is no total."
    : `In all: ${usd(u.cost_usd)}.`;
  return [h("p", { class: "muted" }, `From ${u.from} to ${u.to} (UTC). ${total}`), table(u.totals, null),
    h("details", {}, h("summary", {}, "Per day"), table(u.items, "Day"))];
}

// Settings: the mailbox campaigns send from, and its sending limits.
// The company's profile and the meeting link its emails offer; admins edit it.
function profilePart(company, admin) {
  const link = company.custom_calendar_link;
  if (!admin) return [h("p", { class: "muted" }, link ? `Emails offer the meeting link ${link}.` : "No meeting link set.")];
  return [form([
    { label: "Company name", name: "name", value: company.name, required: true },
    { label: "Website", name: "website", type: "url", value: company.website || "" },
    { label: "Industry", name: "industry", value: company.industry || "" },
    { label: "Address", name: "address", value: company.address || "" },
    { label: "Meeting link", name: "custom_calendar_link", type: "url", value: link || "",
      hint: "A booking page (Calendly, Cal.com, your calendar's): every email offers it. Leave empty for none." },
  ], "Save the company", async (v) => {
    const saved = await api("PATCH", `/api/companies/${company.id}`, { name: v.name.trim(), website: v.website.trim(), industry: v.industry.trim(), address: v.address.trim(), custom_calendar_link: v.custom_calendar_link.trim() });
    companiesChanged();  // its name in the switcher, once saved
    return `Saved.${saved.custom_calendar_link ? ` Emails will offer ${saved.custom_calendar_link}.` : ""}`;
  })];
}

// The mailbox campaigns send from: admins alone see and change it (the API answers 403 to others).
function mailboxPart(companyId, mailbox) {
  if (mailbox === "admins only") return [h("p", { class: "muted" }, "Only admins see and change the mailbox.")];
  return [
    mailbox ? h("p", { class: "notice ok" }, `Sending as ${mailbox.from_name ? `${mailbox.from_name} <${mailbox.email}>` : mailbox.email} through ${mailbox.smtp_host}:${mailbox.smtp_port}.`)
      : h("p", { class: "empty" }, "No mailbox yet: campaigns need one to send from."),
    h("p", { class: "muted" }, "Reach tries the login before saving it; the password is stored encrypted and never shown again."),
    form([
      { label: "Provider", name: "type", type: "select", value: mailbox ? mailbox.type : "smtp", options: [["gmail", "Gmail"], ["outlook", "Outlook"], ["yahoo", "Yahoo"], ["smtp", "Other (SMTP)"]] },
      { label: "Email address", name: "email", type: "email", value: mailbox ? mailbox.email : "", required: true },
      { label: "Password or app password", name: "password", type: "password", autocomplete: "new-password", required: true },
      { label: "Sender name", name: "from_name", value: mailbox ? mailbox.from_name || "" : "" },
      { label: "SMTP host (Other)", name: "smtp_host", value: mailbox ? mailbox.smtp_host : "" },
      { label: "SMTP port (Other)", name: "smtp_port", type: "number", value: mailbox ? mailbox.smtp_port : "" },
      { label: "Security (Other)", name: "security", type: "select", value: "starttls", options: [["starttls", "STARTTLS"], ["tls", "TLS"], ["none", "None (unencrypted)"]] },
    ], "Test and save the mailbox", async (v) => {
      const body = { type: v.type, email: v.email, password: v.password, from_name: optional(v.from_name) };
      if (v.type === "smtp") Object.assign(body, { smtp_host: optional(v.smtp_host), security: v.security, smtp_port: v.smtp_port ? Number(v.smtp_port) : undefined });
      return (await api("POST", `/api/companies/${companyId}/account-credentials`, body)).message;
    }),
  ];
}

async function settingsPage(companyId) {
  const company = await api("GET", `/api/companies/${companyId}`);
  let mailbox = null;
  try {
    mailbox = await api("GET", `/api/companies/${companyId}/account-credentials`);
  } catch (e) {
    if (e.status === 403) mailbox = "admins only";
    else if (e.status !== 404) throw e;
  }
  const throttle = await api("GET", `/api/companies/${companyId}/email-throttle`);
  show(`${company.name}: settings`, ...companyHeader(company, "settings"),
    h("h2", {}, "Company"), profilePart(company, mailbox !== "admins only"),
    h("h2", {}, "Mailbox"), mailboxPart(companyId, mailbox),
    h("h2", {}, "Sending limits"),
    form([
      { label: "At most per hour", name: "max_emails_per_hour", type: "number", value: throttle.max_emails_per_hour, min: "1" },
      { label: "At most per day", name: "max_emails_per_day", type: "number", value: throttle.max_emails_per_day, min: "1" },
      { label: "Apply the limits", name: "enabled", type: "checkbox", value: throttle.enabled },
    ], "Save the limits", async (v) => {
      await api("PUT", `/api/companies/${companyId}/email-throttle`, { max_emails_per_hour: Number(v.max_emails_per_hour), max_emails_per_day: Number(v.max_emails_per_day), enabled: v.enabled });
      return "Sending limits saved.";
    }),
    h("section", { id: "team" }, h("h2", {}, "Team"), livePart((refresh) => teamPart(companyId, refresh))),
    h("section", { id: "do-not-email" }, h("h2", {}, "Do not email"), livePart((refresh) => doNotEmailPart(companyId, refresh))),
    h("section", { id: "usage" }, h("h2", {}, "AI usage"), livePart(() => usagePart(companyId))));
}

// A lead: every field it has, and what the writer makes of it for a product (research of the fit, an
// email and a call script, written on demand and shown as text).
const LEAD_FIELDS = ["email", "phone_number", "company", "job_title", "website", "industry", "company_size", "country", "city", "state",
  "mobile", "direct_phone", "office_phone", "hq_location", "personal_linkedin_url", "education", "lead_source"];

// Editing a lead: every text field in one form. The API writes every field it is given (PUT), so the
// JSON-valued fields the form does not show are sent back as they were.
function leadEditor(companyId, lead, done) {
  const keep = Object.fromEntries(["first_name", "last_name", "hiring_positions", "location_move", "job_change"]
    .filter((f) => lead[f] !== null && lead[f] !== undefined).map((f) => [f, lead[f]]));
  return form([
    { label: "Name", name: "name", value: lead.name, required: true },
    ...LEAD_FIELDS.map((f) => ({ label: f.replace(/_/g, " ").replace(/^./, (c) => c.toUpperCase()), name: f, value: lead[f] || "",
      type: f === "email" ? "email" : "text" })),
    { label: "Do not contact (campaigns skip this lead)", name: "do_not_contact", type: "checkbox", value: lead.do_not_contact },
  ], "Save the lead", async (v) => {
    const body = { ...keep, name: v.name.trim(), do_not_contact: v.do_not_contact };
    for (const f of LEAD_FIELDS) body[f] = optional(v[f]) ?? null;
    await api("PUT", `/api/companies/${companyId}/leads/${lead.id}`, body);
    await done();
  });
}

async function leadPage(companyId, leadId) {
  const [company, found, products, emails, researched] = await Promise.all([api("GET", `/api/companies/${companyId}`),
    api("GET", `/api/companies/${companyId}/leads/${leadId}`), api("GET", `/api/companies/${companyId}/products`),
    api("GET", `/api/companies/${companyId}/emails?lead_id=${leadId}&page_size=100`),
    api("GET", `/api/companies/${companyId}/leads/${leadId}/enrichments`)]);
  const lead = found.data;  // the contract's envelope: {"status": "success", "data": lead}
  const facts = LEAD_FIELDS.filter((f) => lead[f]).map((f) => [h("dt", {}, f.replace(/_/g, " ")), h("dd", {}, String(lead[f]))]);
  const output = h("div", { "aria-live": "polite" });
  const product = h("select", { name: "product_id", "aria-label": "Product" }, products.map((p) => h("option", { value: p.id }, p.product_name)));
  const action = (label, run) => {
    const b = h("button", { type: "button", class: "secondary" }, label);
    b.addEventListener("click", async () => {
      b.disabled = true;
      output.replaceChildren(notice("Writing…"));
      try {
        output.replaceChildren(...present(await run(product.value)));
      } catch (e) {
        output.replaceChildren(notice(e.message, "error"));
      } finally {
        b.disabled = false;
      }
    });
    return b;
  };
  const list = (title, items) => (items && items.length ? [h("h3", {}, title), h("ul", {}, items.map((i) => h("li", {}, i)))] : []);
  const productName = Object.fromEntries(products.map((p) => [p.id, p.product_name]));
  const research = researched.length
    ? researched.map((e) => h("details", { class: "card", "data-research": e.product_id },
        h("summary", {}, `${productName[e.product_id] || "A deleted product"} · ${when(e.created_at)} · ${e.provider}`),
        list("Pain points", e.pain_points), list("Value", e.value_gains), list("Key messages", e.key_messages)))
    : [h("p", { class: "empty" }, "No research of the fit yet: choose a product below and research it. Campaigns use what is kept here.")];
  const tools = products.length
    ? [h("div", { class: "row" }, product,
        action("Research the fit", async (id) => {
          const e = await api("POST", `/api/companies/${companyId}/leads/${leadId}/enrich`, { product_id: id });
          return [...list("Pain points", e.pain_points), ...list("Value", e.value_gains), ...list("Key messages", e.key_messages)];
        }),
        action("Preview the email", async (id) => {
          const d = await api("GET", `/api/companies/${companyId}/leads/${leadId}/emailscript?product_id=${id}`);
          return [h("article", { class: "card message", "data-preview": "email" }, h("h3", {}, d.subject), h("div", { class: "body" }, d.body))];
        }),
        action("Preview the call script", async (id) => {
          const d = await api("GET", `/api/companies/${companyId}/leads/${leadId}/callscript?product_id=${id}`);
          return [h("article", { class: "card message" }, h("div", { class: "body" }, d.script))];
        })), output]
    : [h("p", { class: "empty" }, "Add a product to see what Reach would write to this lead.")];
  const edit = h("details", { class: "edit" }, h("summary", {}, "Edit this lead"), leadEditor(companyId, lead, () => leadPage(companyId, leadId)));
  const remove = actionButton("Delete this lead", async () => {
    await api("DELETE", `/api/companies/${companyId}/leads/${leadId}`);
    location.hash = `#/companies/${companyId}`;
  }, { confirmText: `Delete ${lead.name}? Campaigns stop reaching this lead; adding the lead again restores it.` });
  show(lead.name, ...companyHeader(company, "leads"), lead.do_not_contact ? notice("Marked do not contact: campaigns skip this lead.") : null,
    facts.length ? h("dl", { class: "facts" }, facts) : null, h("div", { class: "row" }, edit), h("p", {}, remove),
    h("h2", {}, `Emails to this lead (${emails.total})`), emailsTable(`#/companies/${companyId}`, emails.items, "campaign"),
    h("h2", {}, "Research of the fit, per product"), research,
    h("h2", {}, "Writing for this lead"), tools);
}

async function appRoute() {
  const [path, queryString] = (location.hash.slice(1) || "/").split("?");
  const params = new URLSearchParams(queryString || "");
  const parts = path.split("/").filter(Boolean);
  try {
    if (parts[0] === "companies" && parts[1] && parts[2] === "products") return await productsPage(parts[1]);
    if (parts[0] === "companies" && parts[1] && parts[2] === "campaigns" && parts[3]) return await campaignPage(parts[1], parts[3]);
    if (parts[0] === "companies" && parts[1] && parts[2] === "campaigns") return await campaignsPage(parts[1]);
    if (parts[0] === "companies" && parts[1] && parts[2] === "runs" && parts[3]) return await runPage(parts[1], parts[3]);
    if (parts[0] === "companies" && parts[1] && parts[2] === "emails" && parts[3]) return await threadPage(parts[1], parts[3]);
    if (parts[0] === "companies" && parts[1] && parts[2] === "settings") return await settingsPage(parts[1]);
    if (parts[0] === "companies" && parts[1] && parts[2] === "leads" && parts[3]) return await leadPage(parts[1], parts[3]);
    if (parts[0] === "companies" && parts[1] && parts[2] === "upload") return await leadUploadPage(parts[1]);
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
