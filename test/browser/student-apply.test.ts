// The student's application in a real browser (issue 5): on the demo during the application window,
// a student sees why some destinations are not open to them, builds a ranked list with the mouse,
// loses nothing to a failed save and a reload, validates after the "cannot be undone" step and gets
// a receipt with its instant and a PDF; the same in English; the whole of it with the keyboard
// alone; a phone-sized screen. Every page is checked with axe-core and must log no console error.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDemoUniversity } from "../../src/demo/university.ts";
import { signIn as apiSignIn, type Client, client, TEST_PASSWORD } from "../support/auth.ts";
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

const NOW = "2018-05-02T10:00:00+02:00";
const MAIN_STUDENT = "estudiante@demo.upct.es";

let demo: Demo;
const browser = new BrowserSlot();
let admin: Client;
let callId: string;

interface Options {
  maxChoices: number | null;
  destinations: {
    agreement: {
      id: string;
      partner: { name: string; country: string };
      languageRequirement?: { options: { language: string; minLevel: string }[] };
    };
    eligible: boolean;
    reasons: string[];
  }[];
}

beforeAll(async () => {
  ensureWebBuild();
  demo = await startDemo({ now: NOW });
  await browser.launch();
  admin = client(demo.url, await apiSignIn(demo.url, demo.account("admin@demo.upct.es")));
  const calls = (await (await admin.get("/api/calls")).json()) as { items: { id: string }[] };
  callId = calls.items[0]!.id;
}, 240_000);

afterAll(async () => {
  await browser.close();
  await demo?.stop();
});

/** A simulated outage of the saves is expected to show in the console; nothing else is. */
const consoleErrors = (errors: string[]) =>
  unexpected(errors).filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED"));

interface Account {
  email: string;
  password: string;
  studentId: string;
  api: Client;
}

async function studentAccount(email: string, password: string, url = demo.url): Promise<Account> {
  const session = await apiSignIn(url, { email, password });
  return { email, password, studentId: session.user.studentId ?? "", api: client(url, session) };
}

async function optionsOf(account: Account): Promise<Options> {
  const response = await account.api.get(
    `/api/calls/${callId}/students/${account.studentId}/application/options`,
  );
  expect(response.status).toBe(200);
  return (await response.json()) as Options;
}

async function hasApplication(account: Account): Promise<boolean> {
  const list = (await (await account.api.get(`/api/calls/${callId}/applications`)).json()) as {
    items: unknown[];
  };
  return list.items.length > 0;
}

const used = new Set<string>();
/** Another student of the demo student's centre, with an account made now and no application yet. */
async function freshStudent(on: { demo: Demo; admin: Client } = { demo, admin }): Promise<Account> {
  const { demo, admin } = on;
  const demoData = buildDemoUniversity().dataset;
  const centre = demoData.students[0]!.centre;
  for (const s of demoData.students.slice(1).filter((x) => x.centre === centre)) {
    if (used.has(s.id)) continue;
    used.add(s.id);
    const email = `${s.id.toLowerCase()}@students.test`;
    const created = await admin.post("/api/users", {
      email,
      displayName: s.name ?? s.id,
      role: "student",
      centre,
      studentId: s.id,
      password: TEST_PASSWORD,
    });
    if (created.status !== 201) continue;
    const account = await studentAccount(email, TEST_PASSWORD, demo.url);
    if (await hasApplication(account)) continue;
    const options = await optionsOf(account);
    if (options.destinations.filter((d) => d.eligible).length >= 3) return account;
  }
  throw new Error("no student of the centre left without an application and with 3 open destinations");
}

const signIn = (page: Page, email: string, password: string, url = demo.url) =>
  signInThrough(page, url, email, password);

const rankedIds = (page: Page) =>
  page
    .locator("[data-testid=ranked-list] > li")
    .evaluateAll((items) => items.map((li) => li.getAttribute("data-agreement") ?? ""));

const card = (page: Page, id: string) =>
  page.locator(`[data-testid=open-destinations] li[data-agreement="${id}"]`);

const liveRegion = (page: Page) => page.locator("[id^=DndLiveRegion]").first().textContent();

/** Drags an item of the ranked list onto another's place with the mouse, in small steps. */
async function drag(page: Page, fromId: string, toId: string): Promise<void> {
  const handle = (id: string) =>
    page.locator(`[data-testid=ranked-list] li[data-agreement="${id}"] .apply-handle`);
  await handle(toId).scrollIntoViewIfNeeded();
  await handle(fromId).scrollIntoViewIfNeeded();
  const from = await handle(fromId).boundingBox();
  const to = await handle(toId).boundingBox();
  if (!from || !to) throw new Error("no handle to drag");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 - 10, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2 - 5, { steps: 15 });
  // Dropped once dnd-kit has found the place under the pointer (and said so to screen readers).
  await expect.poll(() => liveRegion(page)).toMatch(/sobre la posición 1|is over position 1/);
  await page.mouse.up();
  await expect.poll(() => liveRegion(page)).toMatch(/soltado en la posición 1|dropped at position 1/);
  // dnd-kit swallows clicks for 50 ms after a drop (so the drop is not also a click): a person
  // takes longer than that to reach the next button.
  await page.waitForTimeout(150);
}

async function waitSaved(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByTestId("save-status").getAttribute("data-state"), { timeout: 20_000 })
    .toBe("saved");
}

describe("a student applies and validates", () => {
  it("in Spanish, with the mouse: why not, a ranked list, a reload, the confirmation and the receipt", async () => {
    const { page, errors, close } = await openPage(browser.get());
    const me = await studentAccount(MAIN_STUDENT, demo.account(MAIN_STUDENT).password);
    // A draft the demo may have seeded starts empty, so that the journey is the student's own.
    if (await hasApplication(me)) {
      const cleared = await me.api.put(`/api/calls/${callId}/students/${me.studentId}/application`, {
        choices: [],
      });
      expect(cleared.status).toBe(200);
    }
    const options = await optionsOf(me);
    const open = options.destinations.filter((d) => d.eligible).map((d) => d.agreement);
    const closed = options.destinations.filter((d) => !d.eligible);
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(closed.length).toBeGreaterThan(0);

    await signIn(page, me.email, me.password);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mi solicitud Erasmus+");
    await expect.poll(() => page.getByTestId("standing").textContent()).toContain("Sin empezar");
    await expect.poll(() => page.getByTestId("countdown").count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, "student-home");

    await page.getByRole("navigation", { name: "Mi área" }).getByRole("link", { name: "Destinos" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mis destinos");
    await expect
      .poll(() => page.locator("[data-testid=closed-destinations] > li").count())
      .toBe(closed.length);
    // Why not, in words: the reason plus the agreement's own requirement.
    const needsLanguage = closed.find((d) => d.reasons.includes("LANGUAGE_REQUIRED"));
    if (needsLanguage) {
      const first = needsLanguage.agreement.languageRequirement!.options[0]!;
      const text = await page
        .locator(`[data-testid=closed-destinations] li[data-agreement="${needsLanguage.agreement.id}"]`)
        .textContent();
      expect(text).toContain(`exige un certificado verificado de ${first.minLevel} de `);
    }
    const abroad = closed.find((d) => d.reasons.includes("COUNTRY_NOT_IN_PROGRAMME"));
    if (abroad)
      expect(await page.getByTestId("closed-destinations").textContent()).toContain(
        "no participa en el programa",
      );
    expect(needsLanguage ?? abroad).toBeDefined();
    await expect.poll(() => page.locator("[data-testid=open-destinations] > li").count()).toBe(open.length);
    // A filter by country narrows the cards to that country.
    const country = open[0]!.partner.country;
    await page.getByLabel("País").selectOption(country);
    await expect
      .poll(() => page.locator("[data-testid=open-destinations] > li").count())
      .toBe(open.filter((a) => a.partner.country === country).length);
    await page.getByRole("button", { name: "Quitar filtros" }).click();
    await expect.poll(() => page.locator("[data-testid=open-destinations] > li").count()).toBe(open.length);
    await expectAccessible(page);

    // Three destinations with the mouse, the third dragged to the top, then one moved down.
    const [a, b, c] = [open[0]!.id, open[1]!.id, open[2]!.id];
    for (const id of [a, b, c])
      await card(page, id)
        .getByRole("button", { name: /Añadir a mi lista/ })
        .click();
    await expect.poll(() => rankedIds(page)).toEqual([a, b, c]);
    await drag(page, c, a);
    await expect.poll(() => rankedIds(page)).toEqual([c, a, b]);
    await page
      .locator(`[data-testid=ranked-list] li[data-agreement="${a}"]`)
      .getByRole("button", { name: /Bajar/ })
      .click();
    await expect.poll(() => rankedIds(page)).toEqual([c, b, a]);
    await waitSaved(page);
    expect(await page.getByTestId("save-status").textContent()).toMatch(
      /Guardado a las \d{1,2}:\d{2}:\d{2} \(hora de Madrid\)/,
    );
    await screenshot(page, "student-ranked-list");

    // The next save fails (no connection): said so, and kept in the browser across a reload.
    await page.route("**/application", (route) =>
      route.request().method() === "PUT" ? route.abort("internetdisconnected") : route.continue(),
    );
    await page
      .locator(`[data-testid=ranked-list] li[data-agreement="${a}"]`)
      .getByRole("button", { name: /Quitar/ })
      .click();
    await expect.poll(() => rankedIds(page)).toEqual([c, b]);
    await expect
      .poll(() => page.getByTestId("save-status").getAttribute("data-state"), { timeout: 10_000 })
      .toBe("offline");
    expect(await page.getByTestId("save-status").textContent()).toContain("se reintentará");
    const asked: string[] = [];
    page.on("dialog", (dialog) => {
      asked.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(asked).toEqual(["beforeunload"]);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mis destinos");
    await expect.poll(() => rankedIds(page)).toEqual([c, b]);
    expect(await page.locator(".apply-note").textContent()).toContain("Hemos recuperado");
    await page.unroute("**/application");
    await waitSaved(page);
    await page.reload();
    await expect.poll(() => rankedIds(page)).toEqual([c, b]);

    // The score preview: every component, the total as the server computes it.
    const score = (await (
      await me.api.get(`/api/calls/${callId}/students/${me.studentId}/application/score`)
    ).json()) as { score: { total: number } };
    const total = new Intl.NumberFormat("es-ES", { maximumFractionDigits: 4 }).format(score.score.total);
    await expect.poll(() => page.getByTestId("score-total").textContent()).toBe(total);
    expect(await page.getByTestId("score").textContent()).toContain("Nota media ponderada");

    // Validation: a confirmation that says it cannot be undone and lists the choices in order.
    await page.getByRole("button", { name: "Validar mi solicitud" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain("no se puede deshacer");
    const names = (id: string) =>
      options.destinations.find((d) => d.agreement.id === id)!.agreement.partner.name;
    expect(await dialog.locator("[data-testid=confirm-choices] li").allTextContents()).toEqual([
      names(c),
      names(b),
    ]);
    await expectAccessible(page);
    await screenshot(page, "student-confirm", false);
    await dialog.getByRole("button", { name: "Sí, validar definitivamente" }).click();
    await expect.poll(() => page.getByTestId("receipt").count()).toBe(1);
    const receipt = (await (
      await me.api.get(`/api/calls/${callId}/students/${me.studentId}/application/receipt`)
    ).json()) as { receiptId: string; validatedAtMadrid: string; choices: string[] };
    expect(receipt.choices).toEqual([c, b]);
    expect(await page.getByTestId("receipt-id").textContent()).toBe(receipt.receiptId);
    expect(await page.getByTestId("receipt-at").textContent()).toBe(receipt.validatedAtMadrid);
    expect(receipt.validatedAtMadrid).toMatch(/^02\/05\/2018 \d{2}:\d{2}:\d{2}\.\d{3} /);
    const href = await page.getByTestId("receipt-pdf").getAttribute("href");
    const pdf = await page.request.get(`${demo.url}${href}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    // Read-only from now on.
    expect(
      await page.getByRole("button", { name: /Añadir a mi lista|Validar mi solicitud|Quitar/ }).count(),
    ).toBe(0);
    await expectAccessible(page);
    await screenshot(page, "student-receipt");
    await page.reload();
    await expect.poll(() => page.getByTestId("receipt-id").textContent()).toBe(receipt.receiptId);
    await page.getByRole("navigation", { name: "Mi área" }).getByRole("link", { name: "Inicio" }).click();
    await expect.poll(() => page.getByTestId("standing").textContent()).toContain("Validada");
    await expectAccessible(page);
    expect(consoleErrors(errors)).toEqual([]);
    await close();
  });

  it("the same in English", async () => {
    const { page, errors, close } = await openPage(browser.get(), { locale: "en-GB" });
    const me = await freshStudent();
    const options = await optionsOf(me);
    const open = options.destinations.filter((d) => d.eligible).map((d) => d.agreement);
    await signIn(page, me.email, me.password);
    await expect.poll(() => page.locator("h1").textContent()).toBe("My Erasmus+ application");
    await expect.poll(() => page.getByTestId("standing").textContent()).toContain("Not started");
    await expectAccessible(page);
    await page
      .getByRole("navigation", { name: "My area" })
      .getByRole("link", { name: "Destinations" })
      .click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("My destinations");
    const closed = options.destinations.filter((d) => !d.eligible);
    const needsLanguage = closed.find((d) => d.reasons.includes("LANGUAGE_REQUIRED"));
    if (needsLanguage) {
      const first = needsLanguage.agreement.languageRequirement!.options[0]!;
      await expect
        .poll(() => page.getByTestId("closed-destinations").textContent())
        .toContain(`needs a verified ${first.minLevel} in `);
    }
    const [a, b] = [open[0]!.id, open[1]!.id];
    for (const id of [a, b])
      await card(page, id)
        .getByRole("button", { name: /Add to my list/ })
        .click();
    await page
      .locator(`[data-testid=ranked-list] li[data-agreement="${b}"]`)
      .getByRole("button", { name: /Up/ })
      .click();
    await expect.poll(() => rankedIds(page)).toEqual([b, a]);
    // Back again with dnd-kit's keyboard sensor, announced in English.
    await page.locator(`[data-testid=ranked-list] li[data-agreement="${a}"] .apply-handle`).focus();
    await page.keyboard.press("Space");
    await expect.poll(() => liveRegion(page)).toContain("position 2");
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => liveRegion(page)).toContain("is over position 1");
    await page.keyboard.press("Space");
    await expect.poll(() => liveRegion(page)).toContain("dropped at position 1");
    await expect.poll(() => rankedIds(page)).toEqual([a, b]);
    await waitSaved(page);
    expect(await page.getByTestId("save-status").textContent()).toMatch(
      /Saved at \d{2}:\d{2}:\d{2} \(Madrid time\)/,
    );
    await expectAccessible(page);
    await screenshot(page, "student-en-list");
    await page.getByRole("button", { name: "Validate my application" }).click();
    const dialog = page.getByRole("dialog");
    await expect.poll(() => dialog.textContent()).toContain("This cannot be undone");
    await dialog.getByRole("button", { name: "Yes, validate for good" }).click();
    await expect
      .poll(() => page.getByTestId("receipt").textContent())
      .toContain("Your application's receipt");
    expect(await page.getByTestId("receipt-at").textContent()).toMatch(
      /^02\/05\/2018 \d{2}:\d{2}:\d{2}\.\d{3} /,
    );
    expect(await page.getByTestId("receipt-pdf").textContent()).toBe("Download the receipt (PDF)");
    const stored = (await (
      await me.api.get(`/api/calls/${callId}/students/${me.studentId}/application/receipt`)
    ).json()) as { choices: string[] };
    expect(stored.choices).toEqual([a, b]);
    await expectAccessible(page);
    await screenshot(page, "student-en-receipt");
    expect(consoleErrors(errors)).toEqual([]);
    await close();
  });
});

describe("the keyboard alone", () => {
  it("signs in, chooses, ranks (dnd-kit's keyboard sensor and the buttons) and validates without a click", async () => {
    const { page, errors, close } = await openPage(browser.get());
    const me = await freshStudent();
    const options = await optionsOf(me);
    const open = options.destinations.filter((d) => d.eligible).map((d) => d.agreement);
    const focused = () => inPage<string>(page, 'document.activeElement?.textContent ?? ""');
    const tabTo = async (wanted: (text: string) => boolean, key = "Tab") => {
      for (let i = 0; i < 400 && !wanted(await focused()); i++) await page.keyboard.press(key);
      expect(wanted(await focused()), `focus reached: ${await focused()}`).toBe(true);
    };

    await page.goto(`${demo.url}/sign-in`);
    for (let i = 0; i < 15 && (await inPage<string>(page, "document.activeElement?.id")) !== "email"; i++)
      await page.keyboard.press("Tab");
    await page.keyboard.type(me.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(me.password);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mi solicitud Erasmus+");
    await expect.poll(() => page.getByTestId("standing").count()).toBe(1);
    await tabTo((t) => t === "Destinos");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mis destinos");
    await expect.poll(() => page.locator("[data-testid=open-destinations] > li").count()).toBe(open.length);

    const [a, b, c] = [open[0]!, open[1]!, open[2]!];
    for (const agreement of [a, b, c]) {
      await tabTo((t) => t === `Añadir a mi lista ${agreement.partner.name}`);
      await page.keyboard.press("Enter");
      await expect.poll(() => focused()).toContain("En tu lista");
    }
    await expect.poll(() => rankedIds(page)).toEqual([a.id, b.id, c.id]);
    // The third picked up with Space, moved up twice with the arrow key, dropped with Space.
    const onHandle = `document.activeElement === document.querySelector('[data-testid=ranked-list] li[data-agreement="${c.id}"] .apply-handle')`;
    for (let i = 0; i < 100 && !(await inPage<boolean>(page, onHandle)); i++)
      await page.keyboard.press("Shift+Tab");
    expect(await inPage<boolean>(page, onHandle)).toBe(true);
    await page.keyboard.press("Space");
    await expect.poll(() => liveRegion(page)).toContain("posición 3");
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => liveRegion(page)).toContain("sobre la posición 2");
    await page.keyboard.press("ArrowUp");
    await expect.poll(() => liveRegion(page)).toContain("sobre la posición 1");
    await page.keyboard.press("Space");
    await expect.poll(() => rankedIds(page)).toEqual([c.id, a.id, b.id]);
    // The screen reader heard where it went, in Spanish.
    await expect.poll(() => liveRegion(page)).toContain("soltado en la posición 1");
    // "Bajar" on the first moves it down; the focus stays on the moved destination's button.
    await tabTo((t) => t === `Bajar ${c.partner.name}`);
    await page.keyboard.press("Enter");
    await expect.poll(() => rankedIds(page)).toEqual([a.id, c.id, b.id]);
    expect(await focused()).toContain(c.partner.name);
    const outline = await inPage<string>(page, "getComputedStyle(document.activeElement).outlineStyle");
    expect(outline).toBe("solid");
    await waitSaved(page);

    await tabTo((t) => t === "Validar mi solicitud");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByRole("dialog").isVisible()).toBe(true);
    await tabTo((t) => t === "Sí, validar definitivamente");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("receipt").count()).toBe(1);
    await expect.poll(() => focused()).toBe("Justificante de tu solicitud");
    const saved = (await (
      await me.api.get(`/api/calls/${callId}/students/${me.studentId}/application/receipt`)
    ).json()) as { choices: string[] };
    expect(saved.choices).toEqual([a.id, c.id, b.id]);
    await expectAccessible(page);
    expect(consoleErrors(errors)).toEqual([]);
    await close();
  });
});

describe("a phone", () => {
  it("shows the home and the application on a 360 px screen without sideways scrolling", async () => {
    const { page, errors, close } = await openPage(browser.get(), {
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    const me = await freshStudent();
    const open = (await optionsOf(me)).destinations.filter((d) => d.eligible).map((d) => d.agreement);
    const width = () => inPage<number>(page, "document.documentElement.scrollWidth");
    await signIn(page, me.email, me.password);
    await expect.poll(() => page.getByTestId("standing").count()).toBe(1);
    expect(await width()).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    await screenshot(page, "phone-student-home");
    await page.goto(`${demo.url}/my/application`);
    await expect.poll(() => page.locator("[data-testid=open-destinations] > li").count()).toBe(open.length);
    await card(page, open[0]!.id)
      .getByRole("button", { name: /Añadir a mi lista/ })
      .tap();
    await card(page, open[1]!.id)
      .getByRole("button", { name: /Añadir a mi lista/ })
      .tap();
    await expect.poll(() => rankedIds(page)).toEqual([open[0]!.id, open[1]!.id]);
    await waitSaved(page);
    expect(await width()).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    await screenshot(page, "phone-student-application");
    expect(consoleErrors(errors)).toEqual([]);
    await close();
  });
});

describe("the deadline", () => {
  it("refuses in words a change made after it, then shows the list read-only", async () => {
    // A minute before the deadline of 7 May 2018, 14:00 Madrid; the demo's clock runs on.
    const late = await startDemo({ now: "2018-05-07T13:59:00+02:00" });
    const { page, errors, close } = await openPage(browser.get());
    try {
      const lateAdmin = client(late.url, await apiSignIn(late.url, late.account("admin@demo.upct.es")));
      const me = await freshStudent({ demo: late, admin: lateAdmin });
      const calls = (await (await me.api.get("/api/calls")).json()) as {
        items: { calendar: { applicationDeadline: string } }[];
      };
      const deadline = Date.parse(calls.items[0]!.calendar.applicationDeadline);
      const serverNow = async () =>
        Date.parse(((await (await fetch(`${late.url}/api/health`)).json()) as { time: string }).time);
      expect(await serverNow()).toBeLessThan(deadline);
      const open = (await optionsOf(me)).destinations.filter((d) => d.eligible).map((d) => d.agreement);

      await signIn(page, me.email, me.password, late.url);
      await expect.poll(() => page.getByTestId("standing").count()).toBe(1);
      await page.goto(`${late.url}/my/application`);
      await card(page, open[0]!.id)
        .getByRole("button", { name: /Añadir a mi lista/ })
        .click();
      await waitSaved(page);

      await expect.poll(serverNow, { timeout: 90_000, interval: 1000 }).toBeGreaterThanOrEqual(deadline);
      await card(page, open[1]!.id)
        .getByRole("button", { name: /Añadir a mi lista/ })
        .click();
      await expect
        .poll(() => page.getByTestId("save-status").textContent(), { timeout: 10_000 })
        .toBe("No guardado: El plazo de solicitud ha terminado.");
      await expectAccessible(page);
      await screenshot(page, "student-deadline-refused", false);

      page.on("dialog", (dialog) => void dialog.accept());
      await page.reload();
      await expect
        .poll(() => page.getByTestId("closed").textContent())
        .toContain("El plazo para solicitar terminó");
      await expect.poll(() => rankedIds(page)).toEqual([open[0]!.id]);
      expect(await page.getByRole("button", { name: /Añadir a mi lista|Validar mi solicitud/ }).count()).toBe(
        0,
      );
      await expectAccessible(page);
      await screenshot(page, "student-deadline-closed");
      // The refused save shows in the console as a 409; nothing else may.
      expect(consoleErrors(errors).filter((e) => !/status of 409/.test(e))).toEqual([]);
    } finally {
      await close();
      await late.stop();
    }
  }, 240_000);
});
