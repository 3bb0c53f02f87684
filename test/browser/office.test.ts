// The office's reports in a real browser (issue 5): statistics with charts and their data tables in
// Spanish and in English, the exports page downloading each format of a published list, on a
// desktop and on a 360 px phone. The demo starts on 11 May 2018 10:00 Madrid, after the office has
// run the award and published the provisional lists of two centres over HTTP. Every page is checked
// with axe-core (no serious or critical violation) and must log no console error.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, signIn as signInApi } from "../support/auth.ts";
import {
  BrowserSlot,
  type Demo,
  ensureWebBuild,
  expectAccessible,
  inPage,
  openPage,
  screenshot,
  signInThrough,
  startDemo,
  unexpected,
} from "./support.ts";

const OFFICE = "rrii@demo.upct.es";
const CENTRES = ["ETSII", "ETSIT"];

let demo: Demo;
const browser = new BrowserSlot();
const published: { id: string; centre: string }[] = [];

beforeAll(async () => {
  ensureWebBuild();
  demo = await startDemo({ now: "2018-05-11T10:00:00+02:00" });
  const office = client(demo.url, await signInApi(demo.url, demo.account(OFFICE)));
  const { items: calls } = (await (await office.get("/api/calls")).json()) as { items: { id: string }[] };
  const callId = calls[0]!.id;
  const run = await office.post(`/api/calls/${callId}/award-runs`, {});
  if (run.status !== 201) throw new Error(`award run: ${run.status} ${await run.text()}`);
  const runId = ((await run.json()) as { id: string }).id;
  for (const centre of CENTRES) {
    const list = await office.post(`/api/calls/${callId}/lists`, { centre, kind: "provisional", runId });
    if (list.status !== 201) throw new Error(`publish ${centre}: ${list.status} ${await list.text()}`);
    published.push({ id: ((await list.json()) as { id: string }).id, centre });
  }
  await browser.launch();
}, 240_000);

afterAll(async () => {
  await browser.close();
  await demo?.stop();
});

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  expect(
    await inPage<boolean>(
      page,
      "document.documentElement.scrollWidth <= document.documentElement.clientWidth",
    ),
  ).toBe(true);
}

const signIn = (page: Page, email: string) =>
  signInThrough(page, demo.url, email, demo.account(email).password);

describe("the office's statistics", () => {
  it("shows a chart and a table per breakdown, small cells as <5, in Spanish and in English", async () => {
    const { page, errors, close } = await openPage(browser.get());
    await signIn(page, OFFICE);
    const chartRequests: string[] = [];
    page.on("request", (request) => {
      if (/chart|BarChart/i.test(request.url())) chartRequests.push(request.url());
    });
    await page.goto(`${demo.url}/office/statistics`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Estadísticas");
    await expect.poll(() => page.locator("canvas").count(), { timeout: 15_000 }).toBe(5);
    expect(chartRequests.length).toBeGreaterThan(0);
    expect(await page.locator(".stat-section > h2").allTextContents()).toEqual([
      "Por centro",
      "Por país de destino",
      "Por género",
      "Por discapacidad",
      "Por entorno desfavorecido",
    ]);
    expect(await page.locator("table caption").count()).toBe(5);
    for (const canvas of await page.locator("canvas").all()) {
      expect(await canvas.getAttribute("role")).toBe("img");
      expect(await canvas.getAttribute("aria-label")).toMatch(/^Gráfico de barras/);
    }
    // The totals agree with the centre table; the awards come from the two published lists.
    const figures = await page.locator(".stat-figures dd").allTextContents();
    expect(Number(figures[0])).toBeGreaterThan(100);
    expect(Number(figures[1])).toBeGreaterThan(5);
    const centreTable = page.locator(".stat-section").first().locator("tbody tr");
    const applications = (await centreTable.locator("td:nth-child(2)").allTextContents()).map((s) =>
      s === "<5" || s === "≥5" ? 0 : Number(s),
    );
    expect(applications.every((n) => Number.isInteger(n))).toBe(true);
    expect(applications.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(Number(figures[0]));
    await expect.poll(() => page.locator("main").textContent()).toContain("ETSII (Provisional");
    // Somewhere a cell is small enough to be hidden: it reads "<5", never a number under 5.
    const cells = await page.locator(".stat-section td").allTextContents();
    expect(cells).toContain("<5");
    expect(cells.filter((c) => /^[1-4]$/.test(c))).toEqual([]);
    await expectAccessible(page);
    await screenshot(page, "office-statistics-es");

    // One centre.
    await page.locator("#report-centre").selectOption("ETSIT");
    await expect.poll(() => page.locator(".stat-section").first().locator("tbody tr").count()).toBe(1);
    await expect.poll(() => page.locator("canvas").count()).toBe(5);

    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Statistics");
    await expect.poll(() => page.locator(".stat-section > h2").first().textContent()).toBe("By centre");
    expect(await page.locator(".stat-section").nth(2).locator("thead").textContent()).toContain("Gender");
    await page.locator("#report-centre").selectOption("");
    await expect
      .poll(() => page.locator(".stat-section").first().locator("tbody tr").count())
      .toBeGreaterThan(1);
    expect(await page.locator("canvas").first().getAttribute("aria-label")).toMatch(/^Bar chart/);
    await expectAccessible(page);
    await screenshot(page, "office-statistics-en");
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});

describe("the office's list exports", () => {
  it("lists the published lists and downloads each format, in both languages or one", async () => {
    const { page, errors, close } = await openPage(browser.get());
    await signIn(page, OFFICE);
    await page.goto(`${demo.url}/office/lists`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Listas en PDF, CSV y XLSX");
    await expect.poll(() => page.locator(".export-lists > li").count()).toBe(published.length);
    // The chart library is not part of this page.
    expect(
      await inPage<number>(
        page,
        "performance.getEntriesByType('resource').filter((e) => /BarChart/.test(e.name)).length",
      ),
    ).toBe(0);
    await expectAccessible(page);
    await screenshot(page, "office-exports-es");

    const types = {
      pdf: "application/pdf",
      csv: "text/csv; charset=utf-8",
      xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    } as const;
    const first = page.locator(".export-lists > li").first();
    for (const [format, type] of Object.entries(types)) {
      const link = first.getByRole("link", { name: new RegExp(`^${format.toUpperCase()} `) });
      const href = (await link.getAttribute("href"))!;
      expect(href).toMatch(new RegExp(`/export/${format}$`));
      const response = await page.request.get(`${demo.url}${href}`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe(type);
      expect(response.headers()["content-disposition"]).toMatch(
        new RegExp(`^attachment; filename=".+\\.${format}"`),
      );
      const body = await response.body();
      expect(body.length).toBeGreaterThan(format === "csv" ? 500 : 3000);
      if (format === "pdf") expect(body.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      if (format === "xlsx") expect(body.subarray(0, 2).toString("latin1")).toBe("PK");
      if (format === "csv") expect(body.toString("utf8")).toContain("Puntuación / Score");
    }
    // A click downloads the file.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      first.getByRole("link", { name: /^PDF / }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/_provisional_.+\.pdf$/);

    // English files.
    await page.getByRole("radio", { name: "Inglés", exact: true }).check();
    const csv = first.getByRole("link", { name: /^CSV / });
    expect(await csv.getAttribute("href")).toMatch(/\/export\/csv\?lang=en$/);
    const english = await page.request.get(`${demo.url}${await csv.getAttribute("href")}`);
    expect((await english.text()).replace(/^\uFEFF/, "").split("\r\n")[0]).toMatch(/^Rank,ID,Initials,/);

    // English page, one centre.
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Lists as PDF, CSV and XLSX");
    await page.locator("#report-centre").selectOption("ETSIT");
    await expect.poll(() => page.locator(".export-lists > li").count()).toBe(1);
    expect(await page.locator(".export-lists h3").textContent()).toContain("ETSIT");
    await expectAccessible(page);
    await screenshot(page, "office-exports-en");
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});

describe("the office's reports on a phone", () => {
  it("fit 360 px without sideways scrolling", async () => {
    const { page, errors, close } = await openPage(browser.get(), {
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    await signIn(page, OFFICE);
    await page.goto(`${demo.url}/office/statistics`);
    await expect.poll(() => page.locator("canvas").count(), { timeout: 15_000 }).toBe(5);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, "office-statistics-phone");
    await page.locator(".stat-section").nth(1).scrollIntoViewIfNeeded();
    await screenshot(page, "office-statistics-phone-countries", false);
    await page.goto(`${demo.url}/office/lists`);
    await expect.poll(() => page.locator(".export-lists > li").count()).toBe(published.length);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, "office-exports-phone");
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});
