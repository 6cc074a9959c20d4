// End-to-end tests of `econ-archive serve` in headless Chromium, clicking
// as a reader would.
//
//   node tests/browser/run.mjs URL ARTIFACTS
//
// URL is a running server (as `serve --bind 127.0.0.1:0` prints it) over an
// index of the repository's corpus/ plus tests/fixtures/web/. ARTIFACTS is
// a folder for the screenshots and downloads. The export check compares a
// download with the command line's output: it runs ECON_ARCHIVE_BIN (the
// econ-archive binary) on ECON_ARCHIVE_INDEX (the index the server reads).
// CHROMIUM overrides /usr/bin/chromium. Exit status 0 when every check
// passed, 1 when one failed, 2 when the checks could not run.
//
// tests/browser.rs builds the index, starts the server and runs this file.

import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const [base, artifacts] = process.argv.slice(2);
if (!base || !artifacts) {
  console.error("usage: node run.mjs URL ARTIFACTS");
  process.exit(2);
}
const origin = new URL(base).origin;
const at = (p) => new URL(p, base).href;
fs.mkdirSync(artifacts, { recursive: true });

// The article of tests/fixtures/web/quarrystone-levy.json: every field
// carries markup that must show as text and never run or load anything.
const HOSTILE = {
  id: "web-hostile-quarrystone",
  word: "quarrystone",
  title:
    'Quarrystone levy memo <script>alert(1)</script> <img src=x onerror=alert(2)> "><svg onload=alert(3)>',
  source: "Quarrystone <b>Gazette</b><script>alert(4)</script>",
  author: "Pell Ashgrove <img src=x onerror=alert(5)>",
  bodyBits: [
    "<script>alert(9)</script>",
    '<a href="javascript:alert(10)">the full schedule</a>',
    '<iframe src="http://198.51.100.7/frame"></iframe>',
    '<img src="http://198.51.100.7/pixel.gif">',
    "{{ 7*7 }} and ${7*7}",
    "<style>body{display:none}</style>",
  ],
  quoteBit: "<img src=x onerror=alert(11)>",
  speaker: "Odile Fenwick-Marsh",
  tag: "javascript:alert(8)",
};

// ----- what every page must never do -----------------------------------------

/** Things seen during the run that no page may cause. */
const incidents = [];
/** Requests made by the pages, for the hostile checks. */
let requestLog = [];

function watch(page) {
  page.on("dialog", async (d) => {
    incidents.push(`dialog (${d.type()}) "${d.message()}" on ${page.url()}`);
    await d.dismiss().catch(() => {});
  });
  page.on("request", (r) => {
    requestLog.push(r.url());
    if (!sameOrigin(r.url())) incidents.push(`request off the server: ${r.url()} from ${page.url()}`);
  });
  page.on("pageerror", (e) => incidents.push(`script error on ${page.url()}: ${e.message}`));
  page.on("console", (m) => {
    // A page's own error status (a 400 for a bad query) is reported too.
    const own = m.location() && m.location().url === page.url();
    if (m.type() === "error" && !own) incidents.push(`console error on ${page.url()}: ${m.text()}`);
  });
}

function sameOrigin(u) {
  try {
    return new URL(u).origin === origin;
  } catch {
    return false;
  }
}

// Any attempt to run script or load from elsewhere shows as a
// Content-Security-Policy violation: recorded in the page for the checks.
const RECORD_CSP = `
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", (e) => {
    window.__csp.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
  });
`;

// ----- a small harness ------------------------------------------------------

const results = [];
let shot = 0;

async function check(name, fn) {
  const started = Date.now();
  const before = incidents.length;
  try {
    await fn();
    const late = incidents.slice(before);
    if (late.length) throw new Error(late.join("\n"));
    results.push({ name, ok: true, ms: Date.now() - started });
    console.log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false, ms: Date.now() - started, error: String(e.stack || e) });
    console.log(`FAIL ${name} (${Date.now() - started} ms)\n     ${String(e.message || e).split("\n").join("\n     ")}`);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function assertEq(got, want, what) {
  if (got !== want) throw new Error(`${what}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
}

async function screenshot(page, name) {
  shot += 1;
  const file = path.join(artifacts, `${String(shot).padStart(2, "0")}-${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
}

async function api(page, p) {
  const r = await page.request.get(at(p));
  assert(r.ok(), `GET ${p}: ${r.status()} ${await r.text()}`);
  return r.json();
}

/** Goes to `p` and waits for the page (and its script) to be ready. */
async function open(page, p) {
  const r = await page.goto(at(p), { waitUntil: "load" });
  return r;
}

/** Clicks (or presses a key on) something that leads to another page. */
async function follow(page, act, urlTest) {
  await Promise.all([page.waitForURL(urlTest, { waitUntil: "load" }), act()]);
}

async function totalShown(page) {
  const el = page.locator("#total");
  const n = Number(await el.getAttribute("data-total"));
  const text = (await el.textContent()).trim();
  assert(Number.isInteger(n), `#total has no numeric data-total: ${text}`);
  // The number the reader sees is the one in data-total.
  assert(
    n === 0 ? /^No /.test(text) : text.startsWith(`${n} `),
    `#total says "${text}" but data-total is ${n}`,
  );
  return n;
}

async function hitIds(page) {
  return page.locator("ol.hits > li.hit").evaluateAll((lis) => lis.map((li) => li.dataset.id));
}

async function cspViolations(page) {
  return page.evaluate(() => window.__csp || []);
}

/** Accessibility basics of the page shown: labelled fields, unique ids,
 *  one h1 and no heading level skipped. */
async function accessibilityBasics(page, what) {
  const found = await page.evaluate(() => {
    const problems = [];
    const fields = [...document.querySelectorAll("input, select, textarea")].filter(
      (e) => e.type !== "hidden",
    );
    for (const e of fields) {
      const aria = (e.getAttribute("aria-label") || "").trim();
      const labelled = e.getAttribute("aria-labelledby");
      const label = e.id ? document.querySelector(`label[for="${CSS.escape(e.id)}"]`) : null;
      const wrapped = e.closest("label");
      const text = ((label && label.textContent) || (wrapped && wrapped.textContent) || "").trim();
      if (!aria && !labelled && !text) problems.push(`field without a label: ${e.outerHTML}`);
    }
    const ids = new Map();
    for (const e of document.querySelectorAll("[id]")) ids.set(e.id, (ids.get(e.id) || 0) + 1);
    for (const [id, n] of ids) if (n > 1) problems.push(`id "${id}" used ${n} times`);
    const levels = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")].map((h) => Number(h.tagName[1]));
    if (levels.filter((l) => l === 1).length !== 1) problems.push(`h1 count is not 1: levels ${levels}`);
    if (levels[0] !== 1) problems.push(`first heading is not h1: levels ${levels}`);
    for (let i = 1; i < levels.length; i++) {
      if (levels[i] > levels[i - 1] + 1) problems.push(`heading level skipped: h${levels[i - 1]} then h${levels[i]}`);
    }
    return problems;
  });
  assert(found.length === 0, `${what}: ${found.join("; ")}`);
}

/** Presses Tab until the focused element passes `test` (in the page). */
async function tabTo(page, test, arg, most = 400) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(test, arg)) return i + 1;
  }
  throw new Error(`no focusable element found after ${most} presses of Tab`);
}

// ----- the run ----------------------------------------------------------------

const started = Date.now();
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
const profiles = [];
async function launch(options = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "econ-archive-chromium-"));
  profiles.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath,
    headless: true,
    args: ARGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(15_000);
  context.setDefaultNavigationTimeout(20_000);
  // Nothing may leave for another host: such requests are recorded (by
  // watch) and aborted here.
  await context.route("**/*", (route) =>
    sameOrigin(route.request().url()) ? route.continue() : route.abort("blockedbyclient"),
  );
  await context.addInitScript(RECORD_CSP);
  return context;
}

let context;
try {
  context = await launch();
} catch (e) {
  console.error(`cannot start Chromium (${executablePath}): ${e.message}`);
  process.exit(2);
}
const page = context.pages()[0] || (await context.newPage());
watch(page);

await check("search: typed query, exact total as the API's", async () => {
  await open(page, "/");
  await screenshot(page, "search-empty");
  await accessibilityBasics(page, "empty search page");
  const box = page.getByLabel("Query", { exact: true });
  await box.click();
  await box.pressSequentially("tariffs");
  await follow(page, () => page.keyboard.press("Enter"), (u) => u.searchParams.get("q") === "tariffs");
  const shown = await totalShown(page);
  const fromApi = await api(page, "/api/v1/search?q=tariffs&limit=0");
  assertEq(shown, fromApi.total, "total of 'tariffs' on the page vs the API");
  assert(shown > 0, "no hit for tariffs");
  assertEq((await hitIds(page)).length, Math.min(shown, 10), "hits on the first page");
  await accessibilityBasics(page, "search results");
  await screenshot(page, "search-tariffs");
});

await check("search: a topic facet adds its filter and its count is the new total", async () => {
  await open(page, "/?q=tariffs");
  const before = await totalShown(page);
  const group = page.locator("aside.facets section.facet").filter({ has: page.getByRole("heading", { name: "Topics" }) });
  const item = group.locator("li").first();
  const link = item.getByRole("link");
  const topic = (await link.textContent()).trim();
  const count = Number((await item.locator(".count").textContent()).trim());
  await follow(page, () => link.click(), (u) => u.searchParams.getAll("topic").includes(topic));
  const u = new URL(page.url());
  assertEq(u.searchParams.get("q"), "tariffs", "query kept by the facet link");
  const after = await totalShown(page);
  assertEq(after, count, `total after clicking topic ${topic} vs the facet's count`);
  const fromApi = await api(page, `/api/v1/search?q=tariffs&topic=${encodeURIComponent(topic)}&limit=0`);
  assertEq(after, fromApi.total, "total with the topic filter vs the API");
  assert(after <= before, `a filter cannot widen the list (${before} -> ${after})`);
  const active = await page.locator("ul.active-filters").textContent();
  assert(active.includes(topic), `the active filter ${topic} is not listed: ${active}`);
  await screenshot(page, "search-facet-topic");
});

await check("search: pager to page 2, back button to page 1", async () => {
  await open(page, "/?q=*");
  const total = await totalShown(page);
  assert(total > 10, `'*' should have more than 10 hits, has ${total}`);
  const first = await hitIds(page);
  const pager = page.getByRole("navigation", { name: "Result pages" });
  await follow(page, () => pager.getByRole("link", { name: "2", exact: true }).click(), (u) => u.searchParams.get("offset") === "10");
  const second = await hitIds(page);
  assertEq(await page.locator("ol.hits").getAttribute("start"), "11", "rank of the first hit of page 2");
  const fromApi = await api(page, "/api/v1/search?q=*&offset=10&limit=10");
  assertEq(JSON.stringify(second), JSON.stringify(fromApi.hits.map((h) => h.id)), "ids of page 2 vs the API");
  assert(!second.some((id) => first.includes(id)), "page 2 repeats hits of page 1");
  assertEq(await page.locator('.pager [aria-current="page"]').textContent(), "2", "current page in the pager");
  await screenshot(page, "search-page-2");
  await follow(page, () => page.goBack(), (u) => !u.searchParams.has("offset"));
  assertEq(JSON.stringify(await hitIds(page)), JSON.stringify(first), "hits after the back button");
  assertEq(await totalShown(page), total, "total after the back button");
});

await check("article: quotes marked with their speaker, popover on hover and focus", async () => {
  await open(page, "/?q=tariffs");
  // The first result naming a speaker.
  const hit = page.locator("li.hit").filter({ hasText: "speakers:" }).first();
  const title = (await hit.locator("h3 a").textContent()).trim();
  const id = await hit.getAttribute("data-id");
  await follow(page, () => hit.locator("h3 a").click(), (u) => u.pathname.startsWith("/article/"));
  assertEq((await page.locator("h1").textContent()).trim(), title, "article heading vs the result's title");
  const mark = page.locator('mark.quote[data-speaker]:not([data-speaker=""])').first();
  assert((await mark.count()) === 1, "no quote marked with a speaker");
  const speaker = await mark.getAttribute("data-speaker");
  const record = await api(page, `/api/v1/articles/${encodeURIComponent(id)}`);
  const speakers = (record.quotes || []).map((q) => q.speaker).filter(Boolean);
  assert(speakers.includes(speaker), `marked speaker ${speaker} is not among the article's quotes: ${speakers}`);
  // The label after the quote names the speaker and is visible.
  const label = mark.locator("xpath=following-sibling::*[1]");
  assertEq(await label.getAttribute("class"), "who", "element after the quote");
  assert(await label.isVisible(), "the speaker label is not visible");
  assert((await label.textContent()).includes(speaker), "the label does not name the speaker");
  // Hover shows the popover.
  await mark.hover();
  const pop = page.locator(".popover");
  await pop.waitFor({ state: "visible" });
  assert((await pop.textContent()).includes(speaker), `popover says ${await pop.textContent()}`);
  await screenshot(page, "article-quote-hover");
  await page.mouse.move(0, 0);
  await pop.waitFor({ state: "detached" });
  // So does keyboard focus.
  await page.locator("h1").click();
  await tabTo(page, () => document.activeElement && document.activeElement.matches("mark.quote"));
  await pop.waitFor({ state: "visible" });
  const focused = await page.evaluate(() => document.activeElement.getAttribute("title"));
  assertEq(await pop.textContent(), focused, "popover on focus vs the quote's attribution");
  await accessibilityBasics(page, "article page");
  await screenshot(page, "article-quote-focus");
});

await check("trends: two queries draw two series and one table row per period", async () => {
  await open(page, "/trends");
  await accessibilityBasics(page, "empty trends page");
  await page.getByLabel("Series 1", { exact: true }).fill("tariffs");
  await page.getByLabel("Series 2", { exact: true }).fill("inflation");
  await page.getByLabel("Per", { exact: true }).selectOption("year");
  await follow(page, () => page.getByRole("button", { name: "Draw" }).click(), (u) => u.pathname === "/trends" && u.searchParams.getAll("q").includes("inflation"));
  const figure = page.locator("figure#chart");
  const declared = Number(await figure.getAttribute("data-series"));
  assertEq(declared, 2, "figure#chart data-series");
  const paths = figure.locator("svg path.series");
  assertEq(await paths.count(), declared, "path.series in the chart");
  assertEq(
    JSON.stringify(await paths.evaluateAll((ps) => ps.map((p) => p.dataset.name))),
    JSON.stringify(["tariffs", "inflation"]),
    "series names in the chart",
  );
  for (let i = 0; i < declared; i++) {
    const box = await paths.nth(i).boundingBox();
    assert(box && box.width > 50, `series ${i} is not drawn across the chart`);
  }
  const t = await api(page, "/api/v1/trend?q=tariffs&q=inflation&by=year");
  const rows = page.locator("table.trend tbody tr");
  assertEq(await rows.count(), t.range.periods, "table rows vs the API's periods");
  assertEq((await rows.first().locator("th").textContent()).trim(), t.series[0].points[0].period, "first period");
  await accessibilityBasics(page, "trends page");
  await screenshot(page, "trends-two-series");
});

async function download(link, name) {
  const [dl] = await Promise.all([page.waitForEvent("download"), link.click()]);
  const file = path.join(artifacts, name);
  await dl.saveAs(file);
  return fs.readFileSync(file);
}

function cli(args) {
  const bin = process.env.ECON_ARCHIVE_BIN;
  const index = process.env.ECON_ARCHIVE_INDEX;
  assert(bin && index, "set ECON_ARCHIVE_BIN (the econ-archive binary) and ECON_ARCHIVE_INDEX (the server's index) to compare exports with the command line");
  return execFileSync(bin, [...args, "--index", index], { env: { ...process.env, NO_COLOR: "1" }, maxBuffer: 64 << 20 });
}

await check("export: CSV, JSON lines and Markdown links download the command line's bytes", async () => {
  await open(page, "/?q=tariffs");
  const exportsLine = page.locator("p.exports");
  for (const [label, format, ext] of [["CSV", "csv", "csv"], ["JSON lines", "jsonl", "jsonl"], ["Markdown", "md", "md"]]) {
    const got = await download(exportsLine.getByRole("link", { name: label, exact: true }), `export-tariffs.${ext}`);
    const want = cli(["search", "tariffs", "--all", "--format", format]);
    assert(got.length > 0, `${label} download is empty`);
    assert(Buffer.compare(got, want) === 0, `${label} download (${got.length} bytes) differs from 'econ-archive search tariffs --all --format ${format}' (${want.length} bytes)`);
  }
  await open(page, "/trends?q=tariffs&q=inflation&by=year");
  const got = await download(page.locator("p.exports").getByRole("link", { name: "CSV", exact: true }), "export-trend.csv");
  const want = cli(["trend", "tariffs", "inflation", "--by", "year", "--format", "csv"]);
  assert(Buffer.compare(got, want) === 0, `trend CSV download (${got.length} bytes) differs from 'econ-archive trend tariffs inflation --by year --format csv' (${want.length} bytes)`);
});

/** Runs `fn` on a page that must load nothing but itself and its two assets. */
async function onlyOwnRequests(fn) {
  requestLog = [];
  await fn();
  const allowed = new Set(["/assets/style.css", "/assets/app.js"]);
  const odd = requestLog.filter((u) => {
    if (!sameOrigin(u)) return true;
    const p = new URL(u).pathname;
    return !(allowed.has(p) || p === "/" || p.startsWith("/article/") || ["/quotes", "/kwic", "/speaker", "/speakers"].includes(p));
  });
  assert(odd.length === 0, `requests besides the page and its assets: ${odd.join(", ")}`);
  const csp = await cspViolations(page);
  assert(csp.length === 0, `the page tried to run or load something (CSP violations): ${csp.join("; ")}`);
}

/** No element or attribute that article text could have smuggled in. */
async function nothingInjected(page, what) {
  const found = await page.evaluate(() => {
    const bad = [];
    for (const s of document.scripts) {
      if (new URL(s.src || "about:blank", location.href).pathname !== "/assets/app.js") bad.push(s.outerHTML);
    }
    for (const e of document.querySelectorAll("main img, main iframe, main style, main link, main object, main embed, main svg")) {
      if (!e.closest("figure.chart")) bad.push(e.outerHTML.slice(0, 120));
    }
    for (const e of document.querySelectorAll("*")) {
      for (const a of e.attributes) {
        if (/^on/i.test(a.name)) bad.push(`${e.tagName} ${a.name}=${a.value}`);
        if (/^\s*javascript:/i.test(a.value) && /^(href|src|action|formaction)$/i.test(a.name)) bad.push(`${e.tagName} ${a.name}=${a.value}`);
      }
    }
    if (getComputedStyle(document.body).display === "none") bad.push("body hidden by an injected style");
    return bad;
  });
  assert(found.length === 0, `${what}: injected markup: ${found.join(" | ")}`);
}

await check("hostile article: search result and page run nothing, load nothing, show the text", async () => {
  await onlyOwnRequests(async () => {
    await open(page, "/");
    const box = page.getByLabel("Query", { exact: true });
    await box.fill(HOSTILE.word);
    await follow(page, () => page.getByRole("button", { name: "Search", exact: true }).click(), (u) => u.searchParams.get("q") === HOSTILE.word);
    const hit = page.locator(`li.hit[data-id="${HOSTILE.id}"]`);
    assertEq(await hit.count(), 1, "the hostile article among the results");
    assertEq((await hit.locator("h3 a").textContent()).trim(), HOSTILE.title, "result title shown as text");
    assert((await hit.locator(".meta").textContent()).includes(HOSTILE.source), "result source shown as text");
    await nothingInjected(page, "search results");
    await screenshot(page, "hostile-search");
    await follow(page, () => hit.locator("h3 a").click(), (u) => u.pathname === `/article/${HOSTILE.id}`);
  });
  await onlyOwnRequests(async () => {
    assertEq((await page.locator("h1").textContent()).trim(), HOSTILE.title, "article heading shown as text");
    assert((await page.title()).startsWith(HOSTILE.title), `document title: ${await page.title()}`);
    const fields = await page.locator("dl.fields").textContent();
    for (const bit of [HOSTILE.source, HOSTILE.author, HOSTILE.tag]) assert(fields.includes(bit), `field text missing: ${bit}`);
    const body = await page.locator("#body").textContent();
    for (const bit of HOSTILE.bodyBits) assert(body.includes(bit), `body text missing: ${bit}`);
    const mark = page.locator(`mark.quote[data-speaker="${HOSTILE.speaker}"]`);
    assertEq(await mark.count(), 1, "the hostile quote marked with its speaker");
    assert((await mark.textContent()).includes(HOSTILE.quoteBit), "quote text shown as text");
    assertEq(await page.locator('a[href^="javascript:" i]').count(), 0, "javascript: links");
    await nothingInjected(page, "article page");
    await mark.hover();
    await page.locator(".popover").waitFor({ state: "visible" });
    await screenshot(page, "hostile-article");
    // A tag whose value is a javascript: address is a filter, nothing more.
    const tagLink = page.locator("dl.fields a", { hasText: HOSTILE.tag });
    await follow(page, () => tagLink.click(), (u) => u.searchParams.get("tag") === HOSTILE.tag);
    assert((await page.locator("ul.active-filters").textContent()).includes(HOSTILE.tag), "tag filter shown as text");
    await nothingInjected(page, "tag-filtered results");
  });
  // Its quote on the quotes page, the concordance, and markup in the
  // address itself (a query and a speaker name).
  const q = encodeURIComponent(HOSTILE.word);
  for (const [p, name] of [
    [`/quotes?speaker=${encodeURIComponent(HOSTILE.speaker)}`, "hostile-quotes"],
    [`/kwic?q=${q}`, "hostile-kwic"],
    [`/?q=${encodeURIComponent('"><img src=x onerror=alert(20)>')}`, "hostile-query"],
    [`/speaker?name=${encodeURIComponent("<script>alert(21)</script>")}`, "hostile-speaker-name"],
  ]) {
    await onlyOwnRequests(async () => {
      await open(page, p);
      await nothingInjected(page, p);
      await screenshot(page, name);
    });
  }
  assertEq(await page.locator("h1").textContent(), "<script>alert(21)</script>", "speaker name shown as text");
});

await check("keyboard: Tab to a facet link and Enter adds the filter; Tab to the pager and Enter pages", async () => {
  await open(page, "/?q=tariffs");
  await tabTo(page, () => !!document.activeElement.closest("aside.facets a"));
  const href = await page.evaluate(() => document.activeElement.getAttribute("href"));
  await page.screenshot({ path: path.join(artifacts, `${String(++shot).padStart(2, "0")}-keyboard-facet-focus.png`) });
  await follow(page, () => page.keyboard.press("Enter"), (u) => u.pathname + u.search === href.replace(/&amp;/g, "&"));
  assert(/[?&](topic|speaker|source|since)=/.test(page.url()), `facet did not add a filter: ${page.url()}`);
  await open(page, "/?q=*");
  await tabTo(page, () => !!document.activeElement.closest('nav.pager a[rel="next"]'));
  await follow(page, () => page.keyboard.press("Enter"), (u) => u.searchParams.get("offset") === "10");
});

await check("other pages: quotes, speakers, a speaker, concordance, syntax, a bad query", async () => {
  for (const [p, name, status] of [
    ["/quotes?q=tariffs", "quotes", 200],
    ["/speakers", "speakers", 200],
    [`/speaker?name=${encodeURIComponent(HOSTILE.speaker)}`, "speaker", 200],
    ["/kwic?q=inflation", "kwic", 200],
    ["/syntax", "syntax", 200],
    [`/?q=${encodeURIComponent('"unclosed phrase')}`, "bad-query", 400],
  ]) {
    const r = await open(page, p);
    assertEq(r.status(), status, `status of ${p}`);
    await accessibilityBasics(page, p);
    await screenshot(page, name);
  }
  await open(page, "/speakers");
  const first = page.locator("table.counts tbody tr").first().getByRole("link");
  const name = (await first.textContent()).trim();
  await follow(page, () => first.click(), (u) => u.pathname === "/speaker" && u.searchParams.get("name") === name);
  assertEq((await page.locator("h1").textContent()).trim(), name, "speaker page heading");
  assert((await page.locator("figure.chart svg").count()) === 1, "no chart of the speaker's quotes");
});

// On a phone's width no page may need scrolling sideways (a chart or a wide
// table may scroll inside its own box).
await check("narrow screen: pages fit 390 px without sideways scrolling, no field squeezed", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    const tariffs = await api(page, "/api/v1/search?q=tariffs&limit=1");
    const problems = [];
    for (const [p, name] of [
      ["/?q=tariffs", "narrow-search"],
      [`/article/${encodeURIComponent(tariffs.hits[0].id)}`, "narrow-article"],
      [`/article/${HOSTILE.id}`, "narrow-hostile-article"],
      ["/trends?q=tariffs&q=inflation&by=year", "narrow-trends"],
      ["/kwic?q=inflation", "narrow-kwic"],
    ]) {
      await open(page, p);
      await screenshot(page, name);
      const wide = await page.evaluate(() => {
        const w = document.documentElement.clientWidth;
        const over = [];
        for (const e of document.querySelectorAll("main *")) {
          if (e.closest("svg") || e.closest(".scroll")) continue;
          const r = e.getBoundingClientRect();
          if (r.right > w + 1) over.push(`${e.tagName.toLowerCase()}${e.className ? "." + e.className : ""} to ${Math.round(r.right)} px`);
        }
        // Every field keeps a usable size (none squeezed to nothing).
        for (const e of document.querySelectorAll("main input:not([type=hidden]), main select, main button")) {
          const r = e.getBoundingClientRect();
          if (r.width < 10 || r.height < 10) over.push(`${e.tagName.toLowerCase()}#${e.id} is ${Math.round(r.width)}x${Math.round(r.height)} px`);
        }
        return { page: document.documentElement.scrollWidth, width: w, over: over.slice(0, 5) };
      });
      if (wide.page > wide.width || wide.over.length) {
        problems.push(`${p} is ${wide.page} px wide on a ${wide.width} px screen; ${wide.over.join(", ")}`);
      }
    }
    assert(problems.length === 0, problems.join("\n"));
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

// Without script the core still works: the form submits, results show.
await check("without JavaScript: search and results work", async () => {
  const plain = await launch({ javaScriptEnabled: false });
  try {
    const p = plain.pages()[0] || (await plain.newPage());
    watch(p);
    await p.goto(at("/"));
    await p.getByLabel("Query", { exact: true }).fill("inflation");
    await Promise.all([p.waitForURL((u) => u.searchParams.get("q") === "inflation"), p.keyboard.press("Enter")]);
    const shown = Number(await p.locator("#total").getAttribute("data-total"));
    const fromApi = await api(p, "/api/v1/search?q=inflation&limit=0");
    assertEq(shown, fromApi.total, "total without script");
    await p.screenshot({ path: path.join(artifacts, `${String(++shot).padStart(2, "0")}-no-script.png`), fullPage: true });
  } finally {
    await plain.close();
  }
});

await context.close();
for (const dir of profiles) fs.rmSync(dir, { recursive: true, force: true });

const failed = results.filter((r) => !r.ok);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
fs.writeFileSync(path.join(artifacts, "results.json"), JSON.stringify({ seconds: Number(seconds), results }, null, 2));
console.log(`\nbrowser tests: ${results.length - failed.length} passed, ${failed.length} failed in ${seconds} s; screenshots in ${artifacts}`);
process.exit(failed.length ? 1 : 0);
