// Issue 5, the student after applying: a journey across the call's phases on one demo data folder,
// the demo restarted at each phase's instant. The student hands in a certificate on the documents
// page (a real PNG, a real progress bar), sees the provisional list on the results page, files a
// claim with a PDF, finds their row on the public list by masked id (on a phone), and accepts the
// place after the definitive list; after the deadline the page says what is closed, in English too.
// The staff's part (review, award run, publication, resolution) goes through the HTTP API.
// Every page is checked with axe-core and must log no console error; screenshots go to artifacts.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { client, signIn as signInHttp } from "../support/auth.ts";
import {
  BrowserSlot,
  createDemoData,
  type Demo,
  type DemoData,
  ensureWebBuild,
  expectAccessible,
  openPage,
  screenshot,
  signInThrough,
  startDemo,
  unexpected,
} from "./support.ts";

const STUDENT = "estudiante@demo.upct.es";
const OFFICE = "rrii@demo.upct.es";
/** A destination of the student's own centre that nobody else chose, with places to spare. */
const DESTINATION = "WEB-PORTO";

let data: DemoData;
let demo: Demo | undefined;
const browser = new BrowserSlot();
let files: string;

/** A real PNG of noisy pixels (so it does not compress), about `bytes` long. */
function noisyPng(bytes: number): Buffer {
  const width = 512;
  const height = Math.ceil(bytes / (width * 3));
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let seed = 42;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    raw[i] = i % (width * 3 + 1) === 0 ? 0 : seed >> 16;
  }
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, "latin1"), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw, { level: 0 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

async function claimPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText("Certificado académico: 80 % de los créditos de primer curso superados.", {
    x: 50,
    y: 780,
    size: 12,
    font: await pdf.embedFont(StandardFonts.Helvetica),
  });
  return pdf.save();
}

beforeAll(async () => {
  ensureWebBuild();
  data = await createDemoData();
  files = mkdtempSync(path.join(tmpdir(), "mobilitas-results-"));
  writeFileSync(path.join(files, "cambridge-c1.png"), noisyPng(1_500_000));
  writeFileSync(path.join(files, "notes.txt"), "not a certificate\n");
  writeFileSync(path.join(files, "expediente.pdf"), await claimPdf());
  await browser.launch();
}, 240_000);

afterAll(async () => {
  await browser.close();
  await demo?.stop();
  await data?.dispose();
  if (files) rmSync(files, { recursive: true, force: true });
});

/** The demo at another instant of the call, on the same data. */
async function restartAt(now: string): Promise<Demo> {
  await demo?.stop();
  demo = await startDemo({ now, data });
  return demo;
}

function running(): Demo {
  if (demo === undefined) throw new Error("no demo running");
  return demo;
}

async function http(email: string) {
  const { url, account } = running();
  const session = await signInHttp(url, { email, password: account(email).password });
  return { api: client(url, session), user: session.user };
}

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function signIn(page: Page, email: string, password?: string): Promise<void> {
  const { url, account } = running();
  await signInThrough(page, url, email, password ?? account(email).password);
  await expect.poll(() => page.getByRole("button", { name: /Cerrar sesión|Sign out/ }).count()).toBe(1);
}

/** No sideways scrolling (WCAG 1.4.10 at 360 px). */
const scrollsSideways = (page: Page) =>
  page.evaluate(
    "document.documentElement.scrollWidth > document.documentElement.clientWidth",
  ) as Promise<boolean>;

interface OwnView {
  id: string;
  maskedId: string;
  view: { result: { status: string; rank: number | null; exclusions: string[] } };
}

let callId = "";
let otherStudentId = "";
let studentId = "";
let centre = "";

describe("a student's documents, results, claim and acceptance across the call", () => {
  it("2 May: applies, hands in a certificate with a progress bar; the centre verifies it", async () => {
    await restartAt("2018-05-02T10:00:00+02:00");
    const office = await http(OFFICE);
    const student = await http(STUDENT);
    studentId = student.user.studentId ?? "";
    centre = student.user.centre ?? "";
    expect(studentId).not.toBe("");
    const calls = await json<{ items: { id: string }[] }>(await office.api.get("/api/calls"), 200);
    callId = calls.items[0]?.id ?? "";
    // A destination of the student's centre with places to spare, then the application through the API.
    const csv = `id;centre;partnerName;partnerCountry;places;months;cycles;languages\n${centre}-${DESTINATION};${centre};Universidade do Porto;PT;20;5;grado|master;\n`;
    await json(
      await office.api.fetch(`/api/calls/${callId}/agreements/import`, {
        method: "POST",
        body: csv,
        headers: { "content-type": "text/csv" },
      }),
      200,
    );
    const base = `/api/calls/${callId}/students/${studentId}/application`;
    await json(await student.api.put(base, { choices: [`${centre}-${DESTINATION}`] }), 200);
    await json(await student.api.post(`${base}/validation`), 201);

    const { page, errors, close } = await openPage(browser.get());
    await signIn(page, STUDENT);
    await page.goto(`${running().url}/my/documents`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mis documentos");
    await expect.poll(() => page.locator(".phase-note").textContent()).toContain("7 de mayo de 2018, 14:00");
    await expectAccessible(page);

    const form = page.getByRole("form", { name: "Entregar un documento" });
    // A file of the wrong type is refused here, in words, before anything is sent.
    await form
      .getByLabel("Archivo (PDF, JPEG o PNG, hasta 10 MB)")
      .setInputFiles(path.join(files, "notes.txt"));
    await expect
      .poll(() => form.locator(".field-error").textContent())
      .toBe("El archivo debe ser un PDF o una imagen JPEG o PNG.");
    // Sent without a certificate chosen: each missing field is named.
    await form.getByRole("button", { name: "Entregar" }).click();
    await expect.poll(() => form.getByRole("alert").first().textContent()).toContain("Revisa los campos");
    expect(await form.getByLabel("Certificado (Anexo II)").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);

    await form.getByLabel("Idioma", { exact: true }).selectOption("en");
    await form.getByLabel("Certificado (Anexo II)").selectOption("en-cambridge-general");
    await form.getByLabel("Nivel", { exact: true }).selectOption("C1");
    // A text file named .png passes the page's check; the server reads its content and refuses it.
    await form
      .getByLabel("Archivo (PDF, JPEG o PNG, hasta 10 MB)")
      .setInputFiles({ name: "falso.png", mimeType: "image/png", buffer: Buffer.from("not an image\n") });
    await form.getByRole("button", { name: "Entregar" }).click();
    await expect
      .poll(() => form.getByRole("alert").first().textContent())
      .toBe("El archivo no es un PDF, JPEG ni PNG (se ha comprobado su contenido, no solo el nombre).");
    expect(await page.locator("main").textContent()).not.toContain("falso.png");
    await form
      .getByLabel("Archivo (PDF, JPEG o PNG, hasta 10 MB)")
      .setInputFiles(path.join(files, "cambridge-c1.png"));
    // The upload slowed down (about 3 s), so the progress bar is seen moving.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 512 * 1024,
    });
    await page.evaluate(`(() => {
      window.__progress = [];
      new MutationObserver(() => {
        const bar = document.querySelector("progress");
        if (bar) window.__progress.push(Number(bar.getAttribute("value")));
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    })()`);
    await form.getByRole("button", { name: "Entregar" }).click();
    await expect
      .poll(() => form.getByRole("status").textContent(), { timeout: 30_000 })
      .toContain("Documento entregado");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const seen = (await page.evaluate("window.__progress")) as number[];
    expect(seen.length).toBeGreaterThan(0);
    expect(
      seen.some((value) => value > 0 && value < 100),
      `progress seen: ${seen.join(", ")}`,
    ).toBe(true);
    const item = page
      .getByRole("list", { name: "Tus documentos" })
      .locator("li", { hasText: "cambridge-c1.png" });
    await expect.poll(() => item.textContent()).toContain("Pendiente de revisión");
    expect(await item.textContent()).toContain("CAMBRIDGE: GENERAL ENGLISH EXAMS · inglés · C1");
    await expectAccessible(page);
    await screenshot(page, "student-documents-es");

    // The centre verifies it (HTTP); the page shows it verified.
    const docs = await json<{ items: { id: string; file: { name: string | null } | null }[] }>(
      await office.api.get(`/api/calls/${callId}/documents?studentId=${studentId}&status=pending`),
      200,
    );
    const uploaded = docs.items.find((d) => d.file?.name === "cambridge-c1.png");
    expect(uploaded).toBeDefined();
    await json(
      await office.api.post(`/api/calls/${callId}/documents/${uploaded?.id}/review`, {
        decision: "verified",
      }),
      200,
    );
    await page.reload();
    await expect.poll(() => item.textContent()).toContain("Verificado");
    // Before the lists, the results page says when the provisional list comes.
    await page.goto(`${running().url}/my/results`);
    await expect.poll(() => page.getByTestId("lists-note").textContent()).toContain("11 de mayo de 2018");
    expect(await page.getByTestId("claims-note").textContent()).toContain("12 de mayo de 2018");
    await expectAccessible(page);
    // The refused file (415) shows in the console as a failed resource: expected here, and only it.
    expect(unexpected(errors).filter((e) => !/status of 415/.test(e))).toEqual([]);
    await close();
  }, 180_000);

  it("11 May: the centre runs the award and publishes the provisional list", async () => {
    await restartAt("2018-05-11T10:00:00+02:00");
    const office = await http(OFFICE);
    const run = await json<{
      id: string;
      outcome: { results: { studentId: string; exclusions: string[] }[] };
    }>(await office.api.post(`/api/calls/${callId}/award-runs`, { centre }), 201);
    await json(
      await office.api.post(`/api/calls/${callId}/lists`, { centre, kind: "provisional", runId: run.id }),
      201,
    );
    // Another student of the centre on the list (a validated application), to renounce later.
    otherStudentId =
      run.outcome.results.find((r) => r.studentId !== studentId && !r.exclusions.includes("NOT_VALIDATED"))
        ?.studentId ?? "";
    expect(otherStudentId).not.toBe("");
  }, 120_000);

  it("15 May: another student renounces in the claims window, after confirming", async () => {
    await restartAt("2018-05-15T10:00:00+02:00");
    const admin = await http("admin@demo.upct.es");
    const password = "una contraseña larga de prueba";
    await json(
      await admin.api.post("/api/users", {
        email: "renuncia@demo.upct.es",
        displayName: "Estudiante que renuncia",
        role: "student",
        centre,
        studentId: otherStudentId,
        password,
      }),
      201,
    );
    const { page, errors, close } = await openPage(browser.get());
    await signIn(page, "renuncia@demo.upct.es", password);
    await page.goto(`${running().url}/my/results`);
    const renounce = page.getByRole("button", { name: "Renunciar a mi solicitud" });
    await renounce.click();
    const question = page.getByRole("group", { name: "Renunciar a mi solicitud" });
    await expect.poll(() => question.textContent()).toContain("No se puede deshacer.");
    // The question takes the focus; Escape cancels and gives it back to the button.
    await expect.poll(() => question.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => renounce.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await renounce.click();
    await question.getByRole("button", { name: "Sí, renuncio" }).click();
    await expect
      .poll(() => page.getByRole("status").first().textContent())
      .toMatch(/^Renunciaste a tu solicitud el martes, 15 de mayo de 2018/);
    expect(await page.getByRole("form", { name: "Presentar una reclamación" }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, "student-renounced-es");
    // A reload (or another visit) reads the renunciation back from the server.
    await page.reload();
    await expect
      .poll(() => page.getByText(/^Renunciaste a tu solicitud el martes, 15 de mayo de 2018/).count())
      .toBe(1);
    expect(await page.getByRole("button", { name: "Renunciar a mi solicitud" }).count()).toBe(0);
    expect(await page.getByRole("form", { name: "Presentar una reclamación" }).count()).toBe(0);
    expect(unexpected(errors)).toEqual([]);
    await close();
  }, 180_000);

  let maskedId = "";

  it("15 May: sees the list, files a claim with a PDF, sees it resolved; finds their row on the public list", async () => {
    await restartAt("2018-05-15T10:00:00+02:00");
    const student = await http(STUDENT);
    const lists = await json<{ items: { id: string; kind: string }[] }>(
      await student.api.get(`/api/calls/${callId}/lists?centre=${centre}`),
      200,
    );
    const provisional = lists.items.find((l) => l.kind === "provisional");
    const own = await json<OwnView>(
      await student.api.get(`/api/calls/${callId}/lists/${provisional?.id}/students/${studentId}`),
      200,
    );
    maskedId = own.maskedId;

    const { page, errors, close } = await openPage(browser.get());
    await signIn(page, STUDENT);
    await page.goto(`${running().url}/my/results`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Mis resultados");
    const card = page.getByRole("region", { name: /^Lista provisional/ });
    await expect
      .poll(() => card.getByTestId("status-provisional").textContent())
      .toBe(
        { awarded: "Con plaza", substitute: "Suplente", excluded: "Excluido" }[own.view.result.status] ?? "?",
      );
    expect(await card.textContent()).toContain(maskedId);
    if (own.view.result.rank !== null)
      expect(await card.getByTestId("rank-provisional").textContent()).toBe(String(own.view.result.rank));
    // Every reason of an exclusion, in words (never a code).
    for (const code of own.view.result.exclusions) expect(await card.textContent()).not.toContain(code);
    expect(await page.getByTestId("claims-note").textContent()).toContain("22 de mayo de 2018, 23:59");
    await expectAccessible(page);
    await screenshot(page, "student-results-provisional-es");

    // A claim with a supporting PDF.
    const form = page.getByRole("form", { name: "Presentar una reclamación" });
    await form.getByRole("button", { name: "Presentar la reclamación" }).click();
    await expect.poll(() => form.getByRole("alert").textContent()).toBe("Escribe lo que reclamas.");
    await form
      .getByLabel("¿Qué reclamas y por qué?")
      .fill("Mi expediente tiene superado el 80 % de los créditos de primer curso; adjunto el certificado.");
    await form
      .getByLabel("Archivos justificativos (opcional)")
      .setInputFiles(path.join(files, "expediente.pdf"));
    await form.getByRole("button", { name: "Presentar la reclamación" }).click();
    await expect.poll(() => form.getByRole("status").textContent()).toContain("Reclamación presentada");
    const claims = page.getByRole("list", { name: "Tus reclamaciones" });
    await expect.poll(() => claims.textContent()).toContain("Pendiente de resolución");
    expect(await claims.textContent()).toContain("expediente.pdf");
    // The renunciation asks first and says it cannot be undone; cancelled here.
    await page.getByRole("button", { name: "Renunciar a mi solicitud" }).click();
    await expect.poll(() => page.locator(".confirm").textContent()).toContain("No se puede deshacer.");
    await expectAccessible(page);
    await page.locator(".confirm").getByRole("button", { name: "Cancelar" }).click();
    await expect.poll(() => page.getByRole("button", { name: "Renunciar a mi solicitud" }).count()).toBe(1);
    await screenshot(page, "student-claim-filed-es");

    // The centre accepts the claim and corrects the record (HTTP); the page shows the resolution.
    const office = await http(OFFICE);
    const open = await json<{ items: { id: string; studentId: string }[] }>(
      await office.api.get(`/api/calls/${callId}/claims?status=open`),
      200,
    );
    const claim = open.items.find((c) => c.studentId === studentId);
    expect(claim).toBeDefined();
    await json(
      await office.api.post(`/api/calls/${callId}/claims/${claim?.id}/resolution`, {
        decision: "accepted",
        reason: "Comprobado con Secretaría: el expediente se corrige.",
        corrections: { academicRecord: { firstYearCreditsPct: 80 } },
      }),
      200,
    );
    // …and publishes a corrected provisional list, with the reason (the first one is superseded).
    const rerun = await json<{ id: string }>(
      await office.api.post(`/api/calls/${callId}/award-runs`, { centre }),
      201,
    );
    const corrected = await json<{ id: string }>(
      await office.api.post(`/api/calls/${callId}/lists`, {
        centre,
        kind: "provisional",
        runId: rerun.id,
        reason: "Reclamación estimada: expediente corregido.",
      }),
      201,
    );
    await page.reload();
    await expect.poll(() => claims.textContent()).toContain("Estimada");
    expect(await claims.textContent()).toContain("Comprobado con Secretaría");
    await expect.poll(() => card.getByTestId("status-provisional").textContent()).toBe("Con plaza");
    expect(await card.textContent()).toContain("Plaza adjudicada: Universidade do Porto (Portugal)");
    await expectAccessible(page);
    await screenshot(page, "student-results-corrected-es");
    expect(unexpected(errors)).toEqual([]);
    await close();

    // The public list on a phone, without signing in: found by masked id.
    const phone = await openPage(browser.get(), {
      viewport: { width: 360, height: 740 },
      isMobile: true,
    });
    await phone.page.goto(`${running().url}/lists`);
    await expect.poll(() => phone.page.locator("h1").textContent()).toBe("Listas publicadas");
    const superseded = phone.page.locator(".list-index li.superseded", { hasText: "Sustituida" });
    await expect.poll(() => superseded.count()).toBeGreaterThan(0);
    expect(await superseded.allTextContents()).toContainEqual(
      expect.stringContaining("Reclamación estimada: expediente corregido."),
    );
    await expectAccessible(phone.page);
    expect(await scrollsSideways(phone.page)).toBe(false);
    await screenshot(phone.page, "public-lists-phone-es");
    await phone.page.goto(`${running().url}/lists/${corrected.id}`);
    const rows = phone.page.locator("table.public-list tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    // Masked ids are not unique (four characters of the id are shown): the search finds every row
    // the API finds for it, the student's among them.
    const expected = await json<{ entries: { maskedId: string }[] }>(
      await fetch(
        `${running().url}/api/calls/${callId}/lists/${corrected.id}?q=${encodeURIComponent(maskedId)}`,
      ),
      200,
    );
    expect(expected.entries.length).toBeGreaterThan(0);
    await phone.page.getByLabel("Buscar por identificador enmascarado").fill(maskedId);
    await phone.page.getByRole("button", { name: "Buscar", exact: true }).click();
    await expect
      .poll(() => phone.page.getByRole("status").textContent())
      .toContain(`coincide${expected.entries.length === 1 ? "" : "n"} con «${maskedId}»`);
    await expect.poll(() => rows.count()).toBe(expected.entries.length);
    expect(await rows.locator("th[scope=row]").allTextContents()).toContain(maskedId);
    expect(await phone.page.locator("table.public-list caption").textContent()).toContain(
      "Lista provisional",
    );
    await expectAccessible(phone.page);
    expect(await scrollsSideways(phone.page)).toBe(false);
    await screenshot(phone.page, "public-list-phone-es");
    expect(unexpected(phone.errors)).toEqual([]);
    await phone.close();
  }, 180_000);

  it("22 May, a page left open past the claims window: the late claim is refused in words", async () => {
    await restartAt("2018-05-22T23:59:20+02:00");
    const { page, errors, close } = await openPage(browser.get());
    await signIn(page, STUDENT);
    await page.goto(`${running().url}/my/results`);
    const form = page.getByRole("form", { name: "Presentar una reclamación" });
    await form.getByLabel("¿Qué reclamas y por qué?").fill("Una segunda reclamación, fuera de plazo.");
    // The server's clock passes 23:59:59 while the page is open.
    await expect
      .poll(
        async () => {
          const health = (await (await fetch(`${running().url}/api/health`)).json()) as { time: string };
          return Date.parse(health.time) > Date.parse("2018-05-22T23:59:59+02:00");
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBe(true);
    await form.getByRole("button", { name: "Presentar la reclamación" }).click();
    await expect
      .poll(() => form.getByRole("alert").textContent())
      .toBe("El plazo de reclamaciones está cerrado: la reclamación no se ha presentado.");
    await expectAccessible(page);
    await screenshot(page, "student-claim-refused-es");
    await page.reload();
    await expect.poll(() => page.getByTestId("claims-note").textContent()).toContain("terminó el");
    expect(await page.getByRole("form", { name: "Presentar una reclamación" }).count()).toBe(0);
    // The refusal (409) shows in the console as a failed resource: expected here, and only it.
    expect(unexpected(errors).filter((e) => !/status of 409/.test(e))).toEqual([]);
    await close();
  }, 180_000);

  it("23 May: after the definitive list, accepts the place before the deadline", async () => {
    await restartAt("2018-05-23T10:00:00+02:00");
    const office = await http(OFFICE);
    const run = await json<{ id: string; outcome: { results: { studentId: string; status: string }[] } }>(
      await office.api.post(`/api/calls/${callId}/award-runs`, { centre }),
      201,
    );
    // The corrected record makes the student eligible; nobody else chose the destination.
    expect(run.outcome.results.find((r) => r.studentId === studentId)?.status).toBe("awarded");
    await json(
      await office.api.post(`/api/calls/${callId}/lists`, { centre, kind: "definitive", runId: run.id }),
      201,
    );

    const { page, errors, close } = await openPage(browser.get(), {
      viewport: { width: 360, height: 740 },
      isMobile: true,
    });
    await signIn(page, STUDENT);
    await page.goto(`${running().url}/my/results`);
    const definitive = page.getByRole("region", { name: /^Lista definitiva/ });
    await expect.poll(() => definitive.getByTestId("status-definitive").textContent()).toBe("Con plaza");
    expect(await definitive.textContent()).toContain("Plaza adjudicada: Universidade do Porto (Portugal)");
    expect(await page.getByTestId("claims-note").textContent()).toContain("terminó el");
    const offer = page.getByRole("region", { name: "Aceptación de la plaza" });
    await expect
      .poll(() => offer.getByTestId("offer-status").textContent())
      .toBe("Pendiente de tu respuesta");
    expect(await offer.textContent()).toContain("25 de mayo de 2018, 23:59");
    await expectAccessible(page);
    expect(await scrollsSideways(page)).toBe(false);
    await screenshot(page, "student-offer-phone-es");

    await offer.getByRole("button", { name: "Aceptar la plaza" }).click();
    await expect.poll(() => offer.locator(".confirm").textContent()).toContain("No se puede deshacer.");
    await expectAccessible(page);
    await offer.getByRole("button", { name: "Sí, acepto" }).click();
    await expect.poll(() => offer.getByTestId("offer-status").textContent()).toBe("Aceptada");
    await expect.poll(() => offer.getByRole("status").textContent()).toBe("Plaza aceptada.");
    expect(await offer.getByRole("button", { name: "Aceptar la plaza" }).count()).toBe(0);
    await expectAccessible(page);
    await screenshot(page, "student-offer-accepted-phone-es");
    expect(unexpected(errors)).toEqual([]);
    await close();
  }, 180_000);

  it("26 May, in English: the deadlines have passed and the page says so", async () => {
    await restartAt("2018-05-26T10:00:00+02:00");
    const { page, errors, close } = await openPage(browser.get(), { locale: "en-GB" });
    await signIn(page, STUDENT);
    await page.goto(`${running().url}/my/results`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("My results");
    const offer = page.getByRole("region", { name: "Accepting the place" });
    await expect.poll(() => offer.getByTestId("offer-status").textContent()).toBe("Accepted");
    expect(await offer.textContent()).toMatch(/You accepted on Wednesday,? 23 May 2018/);
    expect(await page.getByTestId("claims-note").textContent()).toMatch(
      /^The claims window closed on Tuesday,? 22 May 2018 at 23:59\.$/,
    );
    expect(await page.getByRole("form", { name: "File a claim" }).count()).toBe(0);
    const card = page.getByRole("region", { name: /^Definitive list/ });
    expect(await card.textContent()).toContain("Place awarded: Universidade do Porto (Portugal)");
    await expectAccessible(page);
    await screenshot(page, "student-results-closed-en");

    await page.goto(`${running().url}/my/documents`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("My documents");
    await expect.poll(() => page.locator(".phase-note").textContent()).toContain("You can no longer hand in");
    expect(await page.getByRole("form", { name: "Hand in a document" }).count()).toBe(0);
    await expectAccessible(page);
    expect(unexpected(errors)).toEqual([]);
    await close();
  }, 180_000);
});
