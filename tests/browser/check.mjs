// Renders rolefit's HTML reports in the system Chromium and checks what a reader gets.
//
//   node tests/browser/check.mjs MANIFEST.json
//
// tests/html_browser.rs writes the reports and the manifest: Chromium's path, the reports
// (path, kind "person" or "team", widths, colour schemes, whether to print a PDF, hostile text
// that must show as text) and, to make the pictures in screenshots/, where to write them.
//
// For every report, width and scheme: no console error or warning, no page error, no request
// but the report itself (each is answered 404 and counted), no script from a name ran, axe-core
// finds no violation, every piece of text has a contrast of 4.5:1 or more against what it sits
// on, the page is no wider than the window. Once per report: laid out for print, no chart is
// taller than an A4 page's printable height (so none has to be cut); a person's PDF has 2 to 4
// A4 pages; the team report's headings sort its ranking with the script and the tables are
// all there, in rank order, without it. Exits 1 with every failure listed.

import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const manifest = JSON.parse(readFileSync(process.argv[2], "utf8"));
const failures = [];
let passed = 0;
const started = Date.now();

function check(ok, what) {
  if (ok) passed += 1;
  else failures.push(what);
  return ok;
}

// Each report is served from loopback under its own name; anything else asked for is a
// request the report should never make: counted, and answered 404.
const served = new Map(manifest.reports.map((r, i) => [`/r${i}/${path.basename(r.path)}`, r.path]));
const strayRequests = [];
const server = createServer((req, res) => {
  const file = served.get(req.url);
  if (file) {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(readFileSync(file));
  } else {
    strayRequests.push(req.url);
    res.writeHead(404);
    res.end();
  }
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const browser = await chromium.launch({
  executablePath: manifest.chromium,
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});

// In the page: every element with text of its own (and SVG text), its colour against the
// first opaque background behind it, blended through translucent ones; below 4.5:1 is listed.
function lowContrast() {
  function parse(colour) {
    const m = colour.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
  }
  function over(top, bottom) {
    const a = top.a;
    return {
      r: top.r * a + bottom.r * (1 - a),
      g: top.g * a + bottom.g * (1 - a),
      b: top.b * a + bottom.b * (1 - a),
      a: 1,
    };
  }
  function luminance(c) {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  }
  function background(element) {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    let colour = { r: 255, g: 255, b: 255, a: 1 };
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  }
  const low = [];
  let checked = 0;
  for (const element of document.querySelectorAll("body *")) {
    const own = Array.from(element.childNodes).some(
      (n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim() !== "",
    );
    if (!own) continue;
    const rect = element.getBoundingClientRect();
    if (rect.width <= 1 || rect.height <= 1) continue; // visually hidden
    const style = getComputedStyle(element);
    if (style.visibility === "hidden" || style.display === "none") continue;
    const svgText = element instanceof SVGElement;
    let fg = parse(svgText ? style.fill : style.color);
    if (!fg) continue;
    const bg = background(element);
    fg = over(fg, bg);
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    checked += 1;
    if (ratio < 4.5) {
      low.push(`${ratio.toFixed(2)}:1 "${element.textContent.trim().slice(0, 40)}" <${element.tagName.toLowerCase()} class="${element.getAttribute("class") ?? ""}">`);
    }
  }
  return { checked, low };
}

async function openPage(report, index, options) {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height ?? 900 },
    colorScheme: options.scheme ?? "light",
    javaScriptEnabled: options.javaScript ?? true,
    serviceWorkers: "block",
  });
  const events = [];
  const url = `${origin}/r${index}/${path.basename(report.path)}`;
  await context.route("**/*", (route) => {
    const asked = route.request().url();
    if (asked === url) return route.continue();
    events.push(`request for ${asked}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") events.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => events.push(`page error: ${e.message}`));
  page.on("requestfailed", (r) => {
    if (r.url() !== url) events.push(`failed request for ${r.url()}`);
  });
  const response = await page.goto(url, { waitUntil: "load" });
  check(response && response.ok(), `${report.path}: not served`);
  return { context, page, events };
}

async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== "undefined"))) {
    await page.evaluate(axeSource);
  }
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join("; ")}`);
  });
  return result;
}

for (const [index, report] of manifest.reports.entries()) {
  const name = path.basename(report.path);
  for (const width of report.widths) {
    for (const scheme of report.schemes) {
      const where = `${name} at ${width} px, ${scheme}`;
      const { context, page, events } = await openPage(report, index, { width, scheme });
      const pwned = await page.evaluate(() => window.__pwned);
      check(pwned === undefined, `${where}: a script from the file ran (window.__pwned = ${pwned})`);
      const scripts = await page.evaluate(() => document.scripts.length);
      check(scripts === (report.kind === "team" ? 1 : 0), `${where}: ${scripts} script elements`);
      if (report.hostile) {
        const text = await page.evaluate(() => document.body.innerText);
        check(text.includes(report.hostile), `${where}: the hostile name is not shown as text`);
        const title = await page.title();
        check(report.kind !== "person" || title.includes(report.hostile), `${where}: the title does not show the name as text: ${title}`);
      }
      const violations = await runAxe(page);
      check(violations.length === 0, `${where}: axe-core violations:\n  ${violations.join("\n  ")}`);
      const contrast = await page.evaluate(lowContrast);
      check(contrast.checked > 20, `${where}: only ${contrast.checked} texts checked for contrast`);
      check(contrast.low.length === 0, `${where}: text below 4.5:1:\n  ${contrast.low.slice(0, 15).join("\n  ")}`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      check(overflow <= 0, `${where}: the page is ${overflow} px wider than the window`);
      if (manifest.screenshots && report.shots && scheme === "light" && width === 1280) {
        // The team report is pictured at its heatmap; the person's at the top.
        if (report.kind === "team") await page.evaluate(() => document.getElementById("heatmap").scrollIntoView());
        await page.screenshot({ path: path.join(manifest.screenshots, `${report.shots}-light.png`) });
      }
      if (manifest.screenshots && report.shots === "report" && scheme === "dark" && width === 1280) {
        await page.screenshot({ path: path.join(manifest.screenshots, `${report.shots}-dark.png`) });
      }
      if (manifest.screenshots && report.shots === "report" && scheme === "light" && width === 390) {
        await page.setViewportSize({ width: 390, height: 844 });
        await page.screenshot({ path: path.join(manifest.screenshots, `${report.shots}-phone.png`) });
      }
      check(events.length === 0, `${where}:\n  ${events.join("\n  ")}`);
      await context.close();
    }
  }

  // Print: no chart taller than a page's printable height (A4, 12 mm margins top and
  // sides, 14 mm at the bottom: 271 mm), so "break-inside: avoid" can keep each whole.
  {
    const { context, page } = await openPage(report, index, { width: 703, height: 1000 });
    await page.emulateMedia({ media: "print" });
    const printable = (271 / 25.4) * 96;
    const tall = await page.evaluate((limit) =>
      Array.from(document.querySelectorAll("figure"))
        .map((f) => [f.querySelector("figcaption")?.textContent.slice(0, 40) ?? "figure", f.getBoundingClientRect().height])
        .filter(([, h]) => h > limit), printable);
    check(tall.length === 0, `${name}: charts taller than a printed page: ${JSON.stringify(tall)}`);
    if (report.pdf) {
      const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
      const text = pdf.toString("latin1");
      const pages = (text.match(/\/Type\s*\/Page\b/g) ?? []).length;
      const count = Number((text.match(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/) ?? text.match(/\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/) ?? [])[1]);
      check(pages === count || Number.isNaN(count), `${name}: the PDF's page objects (${pages}) and its page count (${count}) differ`);
      check(pages >= 2 && pages <= 4, `${name}: the PDF has ${pages} pages, not 2 to 4`);
      console.log(`${name}: PDF of ${pages} A4 pages, ${pdf.length} bytes`);
      if (manifest.screenshots && report.shots === "report") {
        const dir = mkdtempSync(path.join(tmpdir(), "rolefit-pdf-"));
        const file = path.join(dir, "report.pdf");
        writeFileSync(file, pdf);
        execFileSync("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", file, path.join(manifest.screenshots, "report-print-page1")]);
        rmSync(dir, { recursive: true });
      }
    }
    await context.close();
  }

  if (report.kind === "team") {
    // With the script: the headings are buttons, and Readiness sorts both ways.
    const { context, page, events } = await openPage(report, index, { width: 1280 });
    const policy = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
    const script = await page.evaluate(() => document.scripts[0].textContent);
    const hash = createHash("sha256").update(script, "utf8").digest("base64");
    check(policy.includes(`'sha256-${hash}'`), `${name}: the policy does not name the script's hash ${hash}`);
    const buttons = await page.locator("#ranking-table th button").count();
    // #, Person, Readiness, Coverage, Lean and the three plan counts (the chart does not sort).
    check(buttons === 8, `${name}: ${buttons} sort buttons in the ranking, not 8`);
    const readiness = () => page.$$eval("#ranking-table tbody tr", (rows) => rows.map((r) => parseFloat(r.cells[3].dataset.key)));
    const ranked = await readiness();
    check(ranked.length === report.people, `${name}: ${ranked.length} people in the ranking, not ${report.people}`);
    await page.locator("#ranking-table th button", { hasText: "Readiness" }).click();
    const up = await readiness();
    check(up.every((v, i) => i === 0 || up[i - 1] <= v), `${name}: Readiness did not sort ascending`);
    await page.locator("#ranking-table th button", { hasText: "Readiness" }).click();
    const down = await readiness();
    check(down.every((v, i) => i === 0 || down[i - 1] >= v), `${name}: Readiness did not sort descending`);
    const sortState = await page.$eval("#ranking-table th[aria-sort]", (th) => [th.textContent, th.getAttribute("aria-sort")]);
    check(sortState[0] === "Readiness" && sortState[1] === "descending", `${name}: aria-sort says ${sortState}`);
    await page.locator("#ranking-table th button", { hasText: "Person" }).click();
    const names = await page.$$eval("#ranking-table tbody th", (ths) => ths.map((t) => t.textContent.toLowerCase()));
    check(names.every((v, i) => i === 0 || names[i - 1] <= v), `${name}: Person did not sort by name`);
    const violations = await runAxe(page);
    check(violations.length === 0, `${name} sorted: axe-core violations:\n  ${violations.join("\n  ")}`);
    check(events.length === 0, `${name} sorting:\n  ${events.join("\n  ")}`);
    await context.close();
    // Without the script: no buttons, every table there, the ranking in rank order.
    const off = await openPage(report, index, { width: 1280, javaScript: false });
    const plain = await off.page.evaluate(() => ({
      buttons: document.querySelectorAll("button").length,
      ranks: Array.from(document.querySelectorAll("#ranking-table tbody tr")).map((r) => Number(r.cells[0].textContent)),
      heat: document.querySelectorAll("#heat-table tbody tr").length,
      bench: document.querySelectorAll("#bench-table tbody tr").length,
    }));
    check(plain.buttons === 0, `${name} without script: ${plain.buttons} buttons`);
    check(plain.ranks.length === report.people && plain.ranks.every((r, i) => r === i + 1), `${name} without script: the ranking is not in rank order`);
    check(plain.heat === report.people + 2, `${name} without script: ${plain.heat} heatmap rows, not ${report.people + 2}`);
    check(plain.bench > 0, `${name} without script: no bench depth`);
    check(off.events.length === 0, `${name} without script:\n  ${off.events.join("\n  ")}`);
    await off.context.close();
  }
}

check(strayRequests.length === 0, `requests the reports should not make: ${strayRequests.join(", ")}`);
await browser.close();
server.close();
const seconds = ((Date.now() - started) / 1000).toFixed(1);
for (const f of failures) console.log(`FAILED: ${f}`);
console.log(`browser check: ${passed} passed, ${failures.length} failed (${seconds} s)`);
if (failures.length === 0) console.log("browser check: all passed");
process.exit(failures.length === 0 ? 0 : 1);
