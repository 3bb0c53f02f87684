// The journeys of issue 5 that the API of today supports: the public call page with its countdown,
// a coordinator importing agreements with a bad row (in Spanish, then in English) and fixing it, the
// office's back office, a phone-sized screen, and the keyboard alone. Every page visited is checked
// with axe-core (no serious or critical violation) and must log no console error.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

let demo: Demo;
const browser = new BrowserSlot();

beforeAll(async () => {
  ensureWebBuild();
  demo = await startDemo();
  // Kept, so that every test fails with the reason (a failed beforeAll would only skip them).
  await browser.launch();
}, 240_000);

afterAll(async () => {
  await browser.close();
  await demo?.stop();
});

const signIn = (page: Page, email: string) =>
  signInThrough(page, demo.url, email, demo.account(email).password);

/** An agreements file with one bad row (row 3: places "dos") among good ones of the centre. */
function agreementsCsv(centre: string, places3: string): string {
  return [
    "id;centre;partnerName;partnerCountry;places;months;cycles;languages",
    `${centre}-WEB-01;${centre};Universidade do Porto;PT;2;9;grado;pt:B1`,
    `${centre}-WEB-02;${centre};Politecnico di Milano;IT;${places3};5;grado|master;it:B1|en:B2`,
    "",
  ].join("\n");
}

describe("the public call page", () => {
  it("shows the calendar in Madrid time, the rules, the grants and a live countdown", async () => {
    const { page, errors, close } = await openPage(browser.get());
    await page.goto(demo.url);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Convocatoria Erasmus+");
    expect(await page.locator("html").getAttribute("lang")).toBe("es");
    // The deadline, 7 May 2018 14:00 in Madrid, whatever the browser's zone (New York here).
    await expect.poll(() => page.locator(".calendar").textContent()).toContain("7 de mayo de 2018, 14:00");
    // The demo's clock starts on 2 May 2018 10:00 Madrid (and runs on): about 5 days and 4 hours to go.
    const countdown = page.getByTestId("countdown");
    await expect.poll(() => countdown.textContent()).toMatch(/^5 días[34] horas/);
    const first = await countdown.textContent();
    await page.waitForTimeout(1500);
    expect(await countdown.textContent()).not.toBe(first);
    expect(await page.locator("table").textContent()).toMatch(/300,00\s€/);
    expect(await page.locator("table").textContent()).toContain("Dinamarca");
    await expectAccessible(page);
    await screenshot(page, "call-es");

    // English, chosen with the switch, kept after a reload.
    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toContain("Erasmus+ study call");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.reload();
    await expect.poll(() => page.locator(".calendar").textContent()).toContain("7 May 2018");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("table").textContent()).toContain("Denmark");
    await expectAccessible(page);
    await screenshot(page, "call-en");

    await page.goto(`${demo.url}/centres`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Centres");
    await expectAccessible(page);
    // The first-start page, once the administrator exists, says so.
    await page.goto(`${demo.url}/setup?token=x`);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("already exists");
    await expectAccessible(page);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it("follows the browser's language: English for an English browser", async () => {
    const { page, errors, close } = await openPage(browser.get(), { locale: "en-US" });
    await page.goto(demo.url);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Erasmus+ study call");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    // Dates and money in English too (a browser says "en-US", not "en").
    await expect.poll(() => page.locator(".calendar").textContent()).toContain("4 May 2018");
    expect(await page.locator(".calendar").textContent()).not.toMatch(/\bde mayo\b/);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});

describe("a coordinator imports agreements", () => {
  it("in Spanish: sees the bad row with its column and reason, fixes it, imports", async () => {
    const { page, errors, close } = await openPage(browser.get());
    await signIn(page, "coord.etsii@demo.upct.es");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Acuerdos bilaterales");
    await expect.poll(() => page.getByRole("status").first().textContent()).toMatch(/\d+ acuerdos/);
    await expectAccessible(page);
    await screenshot(page, "agreements-es");

    await page.getByRole("link", { name: "Importar CSV" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Importar desde hoja de cálculo");
    const section = page.getByRole("region", { name: "Acuerdos de la convocatoria" });
    await section.getByLabel("Archivo CSV").setInputFiles({
      name: "acuerdos.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(agreementsCsv("ETSII", "dos")),
    });
    await expect
      .poll(() => section.getByLabel("Contenido del archivo").inputValue())
      .toContain("ETSII-WEB-02");
    await section.getByRole("button", { name: "Importar" }).click();
    await expect.poll(() => section.getByRole("alert").textContent()).toContain("1 fila con errores");
    const row = section.locator("table.issues tbody tr");
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator("td").allTextContents()).toEqual([
      "3",
      "places",
      "No es un número entero",
      "dos",
    ]);
    await expectAccessible(page);
    await screenshot(page, "import-refused-es");

    // Fixed in the page, sent again.
    const text = section.getByLabel("Contenido del archivo");
    await text.fill((await text.inputValue()).replace(";dos;", ";2;"));
    await section.getByRole("button", { name: "Importar" }).click();
    await expect
      .poll(() => section.getByRole("status").textContent())
      .toBe("Importación completada: 2 nuevos, 0 actualizados, 0 sin cambios.");
    await screenshot(page, "import-done-es");

    // The new agreement is listed, and its places can be edited.
    await page.getByRole("link", { name: "Acuerdos" }).click();
    await page.getByLabel("Buscar por código, socio o código Erasmus").fill("WEB-02");
    await page.getByRole("button", { name: "Buscar" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toBe("1 acuerdo");
    await page.getByRole("button", { name: "Editar ETSII-WEB-02" }).click();
    await page.getByLabel("Plazas").fill("3");
    await page.getByRole("button", { name: "Guardar" }).click();
    await expect.poll(() => page.locator("tbody td.number").first().textContent()).toBe("3");

    // The outcome: a ranked table for the centre, reasons in Spanish.
    await page.getByRole("link", { name: "Vista previa del resultado" }).click();
    await expect.poll(() => page.locator("h2").first().textContent()).toMatch(/^ETSII · \d+ solicitudes$/);
    expect(await page.locator("main").textContent()).toContain("Solicitud no validada");
    // Demand against places, per destination; the imported ETSII-WEB-02 (3 places) is chosen by nobody.
    const destinations = page.getByRole("region", { name: "ETSII · plazas y demanda por destino" });
    expect(
      await destinations
        .getByRole("row", { name: /ETSII-WEB-02/ })
        .locator("td")
        .allTextContents(),
    ).toEqual(["Politecnico di Milano", "0", "3", "0", "0"]);
    await expectAccessible(page);
    await screenshot(page, "outcome-es", false);

    await page.getByRole("button", { name: "Cerrar sesión" }).click();
    await expect.poll(() => page.getByRole("link", { name: "Iniciar sesión" }).count()).toBe(1);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it("in English: the same refusal, in English", async () => {
    const { page, errors, close } = await openPage(browser.get(), { locale: "en-GB" });
    await signIn(page, "coord.etsit@demo.upct.es");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Inter-institutional agreements");
    await page.getByRole("link", { name: "CSV import" }).click();
    const section = page.getByRole("region", { name: "The call's agreements" });
    // A row of another centre, and a bad number: both named.
    await section
      .getByLabel("File contents")
      .fill(`${agreementsCsv("ETSIT", "two")}ETSII-X;ETSII;Foo;DE;1;5;grado;\n`);
    await section.getByRole("button", { name: "Import" }).click();
    await expect.poll(() => section.getByRole("alert").textContent()).toContain("2 rows with errors");
    const rows = section.locator("table.issues tbody tr");
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).locator("td").allTextContents()).toEqual([
      "3",
      "places",
      "Not a whole number",
      "two",
    ]);
    expect(await rows.nth(1).locator("td").allTextContents()).toEqual([
      "4",
      "centre",
      "Belongs to a centre you do not manage",
      "ETSII",
    ]);
    await expectAccessible(page);
    await screenshot(page, "import-refused-en");
    const text = section.getByLabel("File contents");
    await text.fill(agreementsCsv("ETSIT", "2"));
    await section.getByRole("button", { name: "Import" }).click();
    await expect
      .poll(() => section.getByRole("status").textContent())
      .toBe("Import complete: 2 new, 0 updated, 0 unchanged.");

    // Academic records: a grade in words and an unknown cycle, each named in English.
    const records = page.getByRole("region", { name: "Academic records (Secretaría)" });
    const header =
      "id,centre,cycle,yearOfStudy,averageGrade,creditsPassed,degreeCredits,firstYearCreditsPct," +
      "nationality,residencePermit,enrolled,hasDebts,inOtherMobilityProgramme,previousErasmusMonths";
    await records
      .getByLabel("File contents")
      .fill(`${header}\nW-1,ETSIT,bachelor,2,seven,60,240,80,ES,no,yes,no,no,0\n`);
    await records.getByRole("button", { name: "Import" }).click();
    const recordRows = records.locator("table.issues tbody tr");
    await expect.poll(() => recordRows.count()).toBe(2);
    expect(await recordRows.nth(0).locator("td").allTextContents()).toEqual([
      "2",
      "cycle",
      "Not one of the allowed values",
      "bachelor",
    ]);
    expect(await recordRows.nth(1).locator("td").allTextContents()).toEqual([
      "2",
      "averageGrade",
      "Not a number (write 7.5 or 7,5)",
      "seven",
    ]);
    await expectAccessible(page);

    // The session ends (here: the cookie is gone); the next page asks to sign in again.
    await page.context().clearCookies();
    await page.getByRole("link", { name: "Agreements" }).click();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Sign in");
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});

describe("the office", () => {
  it("edits the calendar, reads the audit log; the administrator manages users", async () => {
    const { page, errors, close } = await openPage(browser.get());
    await signIn(page, "admin@demo.upct.es");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Convocatorias");
    await expectAccessible(page);
    await page.getByRole("link", { name: /Calendario y ajustes/ }).click();
    await expect
      .poll(() => page.locator("#applicationDeadline").inputValue())
      .toMatch(/^2018-05-07T14:00(:00)?$/);
    await expectAccessible(page);
    await screenshot(page, "call-edit-es");
    // The level test moves to 9:00 (still Madrid time); group 3 gets 210 € a month.
    await page.locator("#levelTestAt").fill("2018-05-04T09:00");
    await page.getByLabel("Grupo 3: euros al mes").fill("210");
    // Each acceptance round after the first gives 5 days (the call's default is 3).
    const roundDays = page.getByLabel("Días de cada ronda de aceptación");
    expect(await roundDays.inputValue()).toBe("3");
    expect(await roundDays.getAttribute("aria-describedby")).toBe("acceptanceRoundDays-hint");
    await roundDays.fill("5");
    await page.getByRole("button", { name: "Guardar" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toBe("Cambios guardados.");
    await page.reload();
    await expect.poll(() => page.getByLabel("Días de cada ronda de aceptación").inputValue()).toBe("5");
    // A level test after the provisional list is refused, the field marked.
    await page.locator("#levelTestAt").fill("2018-05-30T09:00");
    await page.getByRole("button", { name: "Guardar" }).click();
    await expect.poll(() => page.getByRole("alert").first().textContent()).toContain("no son válidos");
    expect(await page.locator("#levelTestAt").getAttribute("aria-invalid")).toBe("true");

    await page.getByRole("link", { name: "Registro de auditoría" }).click();
    await expect
      .poll(() => page.locator("tbody tr").first().textContent())
      .toContain("call.calendar-updated");
    await expectAccessible(page);
    await screenshot(page, "audit-es", false);

    await page.getByRole("link", { name: "Usuarios" }).click();
    await expect.poll(() => page.locator("tbody tr").count()).toBeGreaterThan(5);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Gestión de centros" }).click();
    await expect.poll(() => page.locator(".cards li").count()).toBe(7);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Vista previa del resultado" }).click();
    await expect.poll(() => page.locator("main h2").count()).toBeGreaterThan(1);
    await expectAccessible(page);
    // Only the level test moved: the claims still close at 23:59:59 (the form keeps seconds).
    await page.getByRole("link", { name: "Convocatorias" }).click();
    await page.getByRole("link", { name: /Calendario y ajustes/ }).click();
    await expect.poll(() => page.locator("#claimsCloseAt").inputValue()).toBe("2018-05-22T23:59:59");
    // The public page shows the new figures.
    await page.getByRole("link", { name: "Convocatoria", exact: true }).click();
    await expect.poll(() => page.locator(".calendar").textContent()).toContain("4 de mayo de 2018, 9:00");
    expect(await page.locator("table").textContent()).toMatch(/210,00\s€/);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });

  it("a student: a wrong password said in words, then their own area, not the back office", async () => {
    const { page, errors, close } = await openPage(browser.get());
    // A wrong password: the server's code, in words.
    await page.goto(`${demo.url}/sign-in`);
    await page.locator("#email").fill("estudiante@demo.upct.es");
    await page.locator("#password").fill("not-the-password");
    await page.locator("form button[type=submit]").click();
    await expect
      .poll(() => page.getByRole("alert").textContent())
      .toContain("Correo o contraseña incorrectos");
    await expectAccessible(page);
    await signIn(page, "estudiante@demo.upct.es");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mi solicitud Erasmus+");
    expect(await page.getByRole("link", { name: "Acuerdos" }).count()).toBe(0);
    await page.goto(`${demo.url}/office/audit`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("No tienes permiso para hacer esto.");
    await expectAccessible(page);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});

describe("a phone", () => {
  it("shows the call and the back office on a 360 px screen without sideways scrolling", async () => {
    const { page, errors, close } = await openPage(browser.get(), {
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    await page.goto(demo.url);
    await expect.poll(() => page.getByTestId("countdown").count()).toBe(1);
    expect(await inPage<number>(page, "document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    await screenshot(page, "phone-call");
    await signIn(page, "coord.etsii@demo.upct.es");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Acuerdos bilaterales");
    // Wide tables scroll inside their box; the page itself does not.
    expect(await inPage<number>(page, "document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    await screenshot(page, "phone-agreements", false);
    await page.getByRole("link", { name: "Vista previa del resultado" }).click();
    await expect.poll(() => page.locator("main h2").count()).toBe(2);
    expect(await inPage<number>(page, "document.documentElement.scrollWidth")).toBeLessThanOrEqual(360);
    await expectAccessible(page);
    await screenshot(page, "phone-outcome", false);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});

describe("the keyboard alone", () => {
  it("skips to the content, signs in and moves through the navigation", async () => {
    const { page, errors, close } = await openPage(browser.get());
    await page.goto(demo.url);
    await expect.poll(() => page.locator("h1").textContent()).toContain("Convocatoria");
    await page.keyboard.press("Tab");
    expect(await inPage<string>(page, "document.activeElement?.textContent")).toBe("Saltar al contenido");
    await page.keyboard.press("Enter");
    expect(await inPage<string>(page, "document.activeElement?.id")).toBe("main");

    // From the top: skip link, brand, two language buttons, sign-in link.
    await page.keyboard.press("Shift+Tab");
    const focused = () => inPage<string>(page, 'document.activeElement?.textContent ?? ""');
    for (let i = 0; i < 10 && (await focused()) !== "Iniciar sesión"; i++) await page.keyboard.press("Tab");
    expect(await focused()).toBe("Iniciar sesión");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Iniciar sesión");
    for (let i = 0; i < 15 && (await inPage<string>(page, "document.activeElement?.id")) !== "email"; i++)
      await page.keyboard.press("Tab");
    await page.keyboard.type("coord.etsii@demo.upct.es");
    await page.keyboard.press("Tab");
    await page.keyboard.type(demo.account("coord.etsii@demo.upct.es").password);
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Acuerdos bilaterales");

    // Back from the content to "Importar CSV" in the navigation, and open it with Enter.
    for (let i = 0; i < 10 && (await focused()) !== "Importar CSV"; i++)
      await page.keyboard.press("Shift+Tab");
    expect(await focused()).toBe("Importar CSV");
    // The focus is visible: an outline drawn by :focus-visible.
    const outline = await inPage<string>(page, "getComputedStyle(document.activeElement).outlineStyle");
    expect(outline).toBe("solid");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Importar desde hoja de cálculo");
    expect(await inPage<string>(page, "document.activeElement?.id")).toBe("main");
    await expectAccessible(page);
    expect(unexpected(errors)).toEqual([]);
    await close();
  });
});
