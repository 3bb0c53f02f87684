// The centre's back office in a real browser (issue 5): "a coordinator verifies documents, runs the
// award and publishes". On the demo at 2 May 2018 the coordinator of ETSII opens the dashboard
// (chart and table), reviews applications (verifies one document, rejects another with a reason);
// the demo restarts on the same data at 11 May 2018, the day of the provisional list: the award is
// run, the language service records a level test, the award is run again and the two runs compared,
// and the provisional list is published and read back publicly. Every page is checked with axe-core
// (no serious or critical violation) and must log no console error; screenshots go to
// test-artifacts/browser/; one page is checked on a 360 px wide phone.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn as apiSignIn, type Client, client } from "../support/auth.ts";
import { SAMPLE_PNG } from "../support/workflow.ts";
import {
  BrowserSlot,
  createDemoData,
  type Demo,
  type DemoData,
  ensureWebBuild,
  expectAccessible,
  inPage,
  openPage,
  screenshot,
  signInThrough,
  startDemo,
  unexpected,
} from "./support.ts";

/** The core catalogue: the server's codes in words, as the pages show them. */
const CORE_ES = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "../../web/src/i18n/es.json"), "utf8"),
) as {
  errors: Record<string, string>;
};
const COORDINATOR = "coord.etsii@demo.upct.es";
const LANGUAGE_SERVICE = "idiomas@demo.upct.es";
const CENTRE = "ETSII";

let data: DemoData;
let demo: Demo;
const browser = new BrowserSlot();
let callId = "";
/** A ranked student of the centre (given a level test on 11 May), who files a claim on 14 May. */
let claimant = "";

beforeAll(async () => {
  ensureWebBuild();
  data = await createDemoData();
  demo = await startDemo({ now: "2018-05-02T10:00:00+02:00", data });
  await browser.launch();
  const calls = (await (await fetch(`${demo.url}/api/calls`)).json()) as { items: { id: string }[] };
  callId = calls.items[0]!.id;
}, 400_000);

afterAll(async () => {
  await browser.close();
  await demo?.stop();
  await data?.dispose();
});

/** Polls until the assertion holds; a run of the engine on the demo may take a while on a busy machine. */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 100 });

const signIn = (page: Page, email: string) =>
  signInThrough(page, demo.url, email, demo.account(email).password);

/** The API as a demo account, from the test itself (to pick the data the journey works on). */
async function apiAs(email: string): Promise<Client> {
  return client(demo.url, await apiSignIn(demo.url, { email, password: demo.account(email).password }));
}

const api = (rest: string) => `/api/calls/${encodeURIComponent(callId)}/${rest}`;

interface Doc {
  id: string;
  studentId: string;
  kind: string;
  status: string;
  file: { mediaType: string } | null;
}

describe("a coordinator verifies documents, runs the award and publishes", () => {
  it("shows the centre's dashboard: figures, the demand chart and its table", async () => {
    const { page, errors, close } = await openPage(browser.get());
    try {
      await signIn(page, COORDINATOR);
      await page.goto(`${demo.url}/staff`);
      await poll(() => page.locator("h1").textContent()).toBe("Panel de la convocatoria");
      const coordinator = await apiAs(COORDINATOR);
      const dashboard = (await (await coordinator.get(api("dashboard"))).json()) as {
        applications: { total: number; withPendingDocuments: number };
        destinations: unknown[];
      };
      expect(dashboard.applications.total).toBeGreaterThan(0);
      expect(dashboard.applications.withPendingDocuments).toBeGreaterThan(0);
      // The figures as the API counts them; the chart (a canvas named as an image) and its table.
      await poll(() => page.locator(".figures").first().textContent()).toContain(
        String(dashboard.applications.total),
      );
      const canvas = page.locator(".demand-chart canvas");
      await canvas.waitFor();
      expect(await canvas.getAttribute("role")).toBe("img");
      expect(await canvas.getAttribute("aria-label")).toBeTruthy();
      expect(await page.locator("#demand-table tbody tr").count()).toBe(dashboard.destinations.length);
      await expectAccessible(page);
      await screenshot(page, "back-office-dashboard");
      expect(unexpected(errors)).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it("reviews applications: documents beside the data, verified, or rejected with a reason", async () => {
    const coordinator = await apiAs(COORDINATOR);
    const pending = (
      (await (await coordinator.get(api("documents?status=pending"))).json()) as { items: Doc[] }
    ).items;
    // Two students with a pending certificate: one to verify (a PDF), one to reject.
    const pdf = pending.find((d) => d.file?.mediaType === "application/pdf")!;
    const other = pending.find((d) => d.studentId !== pdf.studentId)!;
    expect(pdf).toBeDefined();
    expect(other).toBeDefined();

    const { page, errors, close } = await openPage(browser.get());
    try {
      await signIn(page, COORDINATOR);
      await page.goto(`${demo.url}/staff/applications?pending=1`);
      await poll(() => page.locator("h1").textContent()).toBe("Revisión de solicitudes");
      await page.locator("table tbody tr").first().waitFor();
      expect(await page.locator("#review-pending").isChecked()).toBe(true);
      const withPending = new Set(pending.map((d) => d.studentId));
      expect(await page.locator("table tbody tr").count()).toBe(withPending.size);
      await expectAccessible(page);
      await screenshot(page, "back-office-review-list");

      // The student with the PDF: the file in a frame beside the record and the choices.
      await page.locator(`a[href="/staff/applications/${pdf.studentId}"]`).click();
      await poll(() => page.locator("h1").textContent()).toMatch(/^Solicitud de /);
      await page.locator(".choices li").first().waitFor();
      const card = page.locator("article.document-card", {
        has: page.locator(`iframe[src$="${pdf.id}/file"]`),
      });
      await card.waitFor();
      // The file may be framed by the app (only its own pages) and is shown inline.
      const headers = await inPage<{ frame: string | null; csp: string | null; disposition: string | null }>(
        page,
        `fetch(${JSON.stringify(api(`documents/${pdf.id}/file`))}).then(r => ({
          frame: r.headers.get("x-frame-options"),
          csp: r.headers.get("content-security-policy"),
          disposition: r.headers.get("content-disposition"),
        }))`,
      );
      expect(headers).toEqual({
        frame: "SAMEORIGIN",
        csp: expect.stringContaining("frame-ancestors 'self'"),
        disposition: "inline",
      });
      expect(await card.locator("a[download]").count()).toBe(1);
      await expectAccessible(page);
      await screenshot(page, "back-office-review-student");
      // Keyboard: the decision and the save button are reached and used without a mouse.
      await card.locator('input[type="radio"]').first().focus();
      await page.keyboard.press("Space");
      await card.locator("button[type=submit]").focus();
      await page.keyboard.press("Enter");
      await poll(() => card.locator(".badge").textContent()).toBe("Verificado");
      await poll(() => page.locator("p.status-line").textContent()).toBe("Documento verificado.");
      // A reviewed document may be reviewed again: the form comes back with the focus on it.
      await card.getByRole("button", { name: "Revisar de nuevo" }).click();
      await poll(() => inPage(page, "document.activeElement?.type")).toBe("radio");
      await card.getByRole("button", { name: "Cancelar" }).click();
      expect(await card.locator("form").count()).toBe(0);

      // Another student's certificate, rejected: first without a reason (refused in words), then with one.
      await page.goto(`${demo.url}/staff/applications/${encodeURIComponent(other.studentId)}`);
      const otherCard = page
        .locator("article.document-card")
        .filter({ has: page.locator("form") })
        .first();
      await otherCard.waitFor();
      await otherCard.getByLabel("Rechazar").check();
      await otherCard.locator("button[type=submit]").click();
      await poll(() => otherCard.locator('[role="alert"]').textContent()).toBe(
        "Escribe el motivo del rechazo.",
      );
      expect(await otherCard.locator("textarea").getAttribute("aria-invalid")).toBe("true");
      await expectAccessible(page);
      await otherCard.locator("textarea").fill("La calificación no se lee.");
      await otherCard.locator("button[type=submit]").click();
      await poll(() => page.locator("p.status-line").textContent()).toBe("Documento rechazado.");
      await poll(() => page.locator("article.document-card").first().textContent()).toContain(
        "La calificación no se lee.",
      );
      const after = (
        (await (await coordinator.get(api(`documents?studentId=${other.studentId}`))).json()) as {
          items: (Doc & { reviewReason: string | null })[];
        }
      ).items;
      expect(
        after.some((d) => d.status === "rejected" && d.reviewReason === "La calificación no se lee."),
      ).toBe(true);
      const verified = (
        (await (await coordinator.get(api(`documents?studentId=${pdf.studentId}`))).json()) as {
          items: Doc[];
        }
      ).items.find((d) => d.id === pdf.id);
      expect(verified?.status).toBe("verified");
      expect(unexpected(errors)).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it("refuses the provisional list before its date, in words", async () => {
    const coordinator = await apiAs(COORDINATOR);
    expect((await coordinator.post(api("award-runs"), { centre: CENTRE })).status).toBe(201);
    const { page, errors, close } = await openPage(browser.get());
    try {
      await signIn(page, COORDINATOR);
      await page.goto(`${demo.url}/staff/lists`);
      await page.locator("#publish-run").waitFor();
      expect(await page.locator(".hint").first().textContent()).toBe(
        "Puede publicarse desde el viernes, 11 de mayo de 2018, 9:00.",
      );
      await page.locator("form button[type=submit]").click();
      await poll(() => page.locator('.alert-error[role="alert"]').textContent()).toBe(
        CORE_ES.errors.TOO_EARLY,
      );
      await expectAccessible(page);
      await screenshot(page, "back-office-lists-too-early");
      // The refusal itself (409) is the only console message.
      expect(unexpected(errors).filter((e) => !e.includes("status of 409"))).toEqual([]);
      expect(unexpected(errors)).toHaveLength(1);
    } finally {
      await close();
    }
  }, 120_000);

  it("lets the office choose the centre, in English too", async () => {
    const { page, errors, close } = await openPage(browser.get());
    try {
      await signIn(page, "rrii@demo.upct.es");
      await page.goto(`${demo.url}/staff`);
      await page.locator("#staff-centre").waitFor();
      await page.locator("#staff-centre").selectOption("ETSIT");
      await poll(() => page.locator("#demand-table tbody th").first().textContent()).toMatch(/^ETSIT-/);
      await page.getByRole("button", { name: "English" }).click();
      await poll(() => page.locator("h1").textContent()).toBe("Call dashboard");
      expect(await page.locator("#demand-table caption").textContent()).toBe(
        "Places and demand per destination",
      );
      await expectAccessible(page);
      // The choice is kept while moving between the back office's pages.
      await page.goto(`${demo.url}/staff/applications`);
      await poll(() => page.locator("#staff-centre").inputValue()).toBe("ETSIT");
      await page.locator("table tbody tr").first().waitFor();
      await expectAccessible(page);
      expect(unexpected(errors)).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it("works on a 360 px wide phone", async () => {
    const { page, errors, close } = await openPage(browser.get(), {
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });
    try {
      await signIn(page, COORDINATOR);
      await page.goto(`${demo.url}/staff`);
      await page.locator("#demand-table").waitFor();
      await page.locator(".demand-chart canvas").waitFor();
      const widths = await inPage<{ scroll: number; client: number }>(
        page,
        "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
      );
      expect(widths.scroll).toBeLessThanOrEqual(widths.client);
      await expectAccessible(page);
      await screenshot(page, "back-office-dashboard-phone");
      // The review of one student: data, documents and viewer one under the other, nothing sideways.
      await page.goto(`${demo.url}/staff/applications?pending=1`);
      await page.locator("table tbody th a").first().click();
      await page.locator("article.document-card").first().waitFor();
      const review = await inPage<{ scroll: number; client: number }>(
        page,
        "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
      );
      expect(review.scroll).toBeLessThanOrEqual(review.client);
      await expectAccessible(page);
      await screenshot(page, "back-office-review-phone");
      expect(unexpected(errors)).toEqual([]);
    } finally {
      await close();
    }
  }, 120_000);

  it("on the day of the provisional list: runs the award twice, compares, publishes", async () => {
    await demo.stop();
    demo = await startDemo({ now: "2018-05-11T10:00:00+02:00", data });
    const { page, errors, close } = await openPage(browser.get());
    const language = await openPage(browser.get());
    try {
      await signIn(page, COORDINATOR);
      await page.goto(`${demo.url}/staff/runs`);
      await poll(() => page.locator("h1").textContent()).toBe("Baremación y adjudicación");
      // The run of 2 May (made before the list's date) is there, run by this coordinator.
      await poll(() => page.locator("section").nth(1).locator("tbody tr").count()).toBe(1);
      expect(await page.locator("section").nth(1).locator("tbody td").nth(1).textContent()).toBe("Tú");
      await expectAccessible(page);
      // While the (synchronous) run is under way: the button disabled, the section busy, a progress bar.
      await inPage(
        page,
        `(() => {
          window.__seen = { disabled: false, busy: false, progress: false };
          const look = () => {
            const b = document.querySelector("#runs-run")?.parentElement;
            if (!b) return;
            if (b.querySelector("button")?.disabled) window.__seen.disabled = true;
            if (b.getAttribute("aria-busy") === "true") window.__seen.busy = true;
            if (b.querySelector("progress")) window.__seen.progress = true;
          };
          new MutationObserver(look).observe(document.body, { subtree: true, childList: true, attributes: true });
        })()`,
      );
      const runButton = page
        .locator("section")
        .filter({ has: page.locator("#runs-run") })
        .locator("button");
      await runButton.click();
      await poll(() => page.locator(".alert-success").textContent()).toMatch(/^Ejecución n\.º 2 terminada/);
      expect(await inPage(page, "window.__seen")).toEqual({ disabled: true, busy: true, progress: true });
      expect(await runButton.isDisabled()).toBe(false);
      await poll(() => page.locator("section").nth(1).locator("tbody tr").count()).toBe(2);

      // The change in between: the language service records a C2 level test for a ranked student
      // with fewer language points than C2 gives (the demo scores the best language).
      const coordinator = await apiAs(COORDINATOR);
      const runs = ((await (await coordinator.get(api("award-runs"))).json()) as { items: { id: string }[] })
        .items;
      const first = (await (await coordinator.get(api(`award-runs/${runs[0]!.id}`))).json()) as {
        outcome: { results: { studentId: string; status: string; score: { language: number } | null }[] };
      };
      const student = first.outcome.results.find(
        (r) => r.status !== "excluded" && r.score !== null && r.score.language < 1.5,
      )!;
      claimant = student.studentId;
      expect(student).toBeDefined();

      await signIn(language.page, LANGUAGE_SERVICE);
      await language.page.goto(`${demo.url}/language`);
      await poll(() => language.page.locator("h1").textContent()).toBe("Pruebas de nivel");
      await language.page.locator("#level-student").waitFor();
      await expectAccessible(language.page);
      await language.page.locator("button[type=submit]").click();
      await poll(() => language.page.locator("#level-student-hint").textContent()).toBe(
        "Escribe el identificador del estudiante.",
      );
      await language.page.locator("#level-student").fill(student.studentId);
      await language.page.locator("#level-language").selectOption("en");
      await language.page.locator("#level-level").selectOption("C2");
      await language.page.locator("button[type=submit]").click();
      await poll(() => language.page.locator(".level-results li").first().textContent()).toContain(
        `${student.studentId}: inglés C2`,
      );
      await expectAccessible(language.page);
      await screenshot(language.page, "back-office-level-tests");
      expect(unexpected(language.errors)).toEqual([]);

      // The second run, and what changed from the first: that student's score, and why.
      await runButton.click();
      await poll(() => page.locator(".alert-success").textContent()).toMatch(/^Ejecución n\.º 3 terminada/);
      await page.locator("#runs-compare").waitFor();
      await page
        .locator("section")
        .filter({ has: page.locator("#runs-compare") })
        .locator("button")
        .click();
      const changes = page.locator("#run-changes");
      await changes.waitFor();
      const row = changes.locator("tbody tr", { has: page.locator(`th:text-is("${student.studentId}")`) });
      await poll(() => row.count()).toBe(1);
      expect(await row.locator("td").nth(3).textContent()).toMatch(/→/);
      await expectAccessible(page);
      await screenshot(page, "back-office-runs");

      // Publish the provisional list from the second run.
      await page.goto(`${demo.url}/staff/lists`);
      await poll(() => page.locator("h1").textContent()).toBe("Publicación de listas");
      await page.locator("#publish-run").waitFor();
      await expectAccessible(page);
      await page.locator("form button[type=submit]").click();
      await poll(() => page.locator(".alert-success").textContent()).toContain(
        "Lista provisional publicada.",
      );
      await poll(() => page.locator("section").nth(1).locator("tbody tr").count()).toBe(1);
      // A second publication would supersede the first: not without a reason.
      await page.locator("form button[type=submit]").click();
      await poll(() => page.locator(".field-error[role=alert]").textContent()).toBe(
        "Escribe por qué se sustituye la lista publicada.",
      );
      await expectAccessible(page);
      // With a reason it does: the first stays published, superseded.
      await page.locator("#publish-reason").fill("Corrección de un error material en la baremación.");
      await page.locator("form button[type=submit]").click();
      await poll(() => page.locator("section").nth(1).locator("tbody tr").count()).toBe(2);
      await poll(() => page.locator("section").nth(1).locator("tbody").textContent()).toContain("Sustituida");
      await expectAccessible(page);
      await screenshot(page, "back-office-lists");

      // It is public: the API answers the centre's provisional list to anyone.
      const lists = (await (
        await fetch(`${demo.url}${api(`lists?centre=${CENTRE}&kind=provisional`)}`)
      ).json()) as {
        items: { id: string; runId: string; current: boolean }[];
      };
      expect(lists.items).toHaveLength(2);
      const current = lists.items.filter((l) => l.current);
      expect(current).toHaveLength(1);
      const newest = (
        (await (await coordinator.get(api("award-runs"))).json()) as { items: { id: string }[] }
      ).items[0]!;
      expect(current[0]).toMatchObject({ runId: newest.id });
      const list = (await (await fetch(`${demo.url}${api(`lists/${current[0]!.id}`)}`)).json()) as {
        entries: unknown[];
      };
      expect(list.entries.length).toBeGreaterThan(0);

      // The claims page of the centre: none filed yet.
      await page.goto(`${demo.url}/staff/claims`);
      await poll(() => page.locator("h1").textContent()).toBe("Reclamaciones");
      await poll(() => page.locator("main").textContent()).toContain("0 reclamaciones.");
      await expectAccessible(page);
      expect(unexpected(errors)).toEqual([]);
    } finally {
      await close();
      await language.close();
    }
  }, 400_000);

  it("in the claims window: reads a claim with its attachment and resolves it with a reason", async () => {
    expect(claimant).not.toBe("");
    await demo.stop();
    demo = await startDemo({ now: "2018-05-14T10:00:00+02:00", data });
    // The claimant gets an account (the administrator's API) and files a claim with a picture.
    const admin = await apiAs("admin@demo.upct.es");
    const password = "a long enough claimant passphrase 2018";
    const created = await admin.post("/api/users", {
      email: "reclamante@demo.upct.es",
      displayName: "Reclamante de la demo",
      role: "student",
      centre: CENTRE,
      studentId: claimant,
      password,
    });
    expect(created.status).toBe(201);
    const session = await apiSignIn(demo.url, { email: "reclamante@demo.upct.es", password });
    const form = new FormData();
    form.append("text", "Mi certificado de inglés C2 no figura en la baremación provisional.");
    form.append("file", new Blob([SAMPLE_PNG], { type: "image/png" }), "justificante.png");
    const filed = await fetch(`${demo.url}${api(`students/${encodeURIComponent(claimant)}/claims`)}`, {
      method: "POST",
      headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
      body: form,
    });
    expect(filed.status).toBe(201);
    const claim = (await filed.json()) as { id: string };

    const { page, errors, close } = await openPage(browser.get());
    try {
      await signIn(page, COORDINATOR);
      await page.goto(`${demo.url}/staff/claims`);
      await poll(() => page.locator("h1").textContent()).toBe("Reclamaciones");
      const card = page.locator("article.claim-card");
      await poll(() => card.count()).toBe(1);
      expect(await card.locator(".claim-text").textContent()).toBe(
        "Mi certificado de inglés C2 no figura en la baremación provisional.",
      );
      const attachment = card.locator("a[download]");
      expect(await attachment.textContent()).toBe("justificante.png");
      const href = (await attachment.getAttribute("href"))!;
      expect(await inPage(page, `fetch(${JSON.stringify(href)}).then(r => r.status)`)).toBe(200);
      await expectAccessible(page);
      // Accepting offers the student's documents to review again; the reason is required.
      await card.getByLabel("Estimar", { exact: true }).check();
      await card.locator("fieldset select").first().waitFor();
      await expectAccessible(page);
      await screenshot(page, "back-office-claims");
      await card.locator("button[type=submit]").click();
      await poll(() => card.locator(".field-error[role=alert]").textContent()).toBe(
        "Escribe el motivo de la resolución.",
      );
      await card
        .locator("textarea")
        .fill("Se comprueba la prueba de nivel C2 registrada por el Servicio de Idiomas.");
      await card.locator("button[type=submit]").click();
      await poll(() => page.locator("p.status-line").textContent()).toBe(
        `Reclamación de ${claimant} resuelta.`,
      );
      // No longer open: the default filter shows none; all of them shows it accepted, with the reason.
      await poll(() => card.count()).toBe(0);
      await page.locator("#claims-status").selectOption("");
      await poll(() => card.locator(".badge").textContent()).toBe("Estimada");
      expect(await card.textContent()).toContain("Se comprueba la prueba de nivel C2");
      const coordinator = await apiAs(COORDINATOR);
      const stored = (await (await coordinator.get(api(`claims/${claim.id}`))).json()) as {
        status: string;
        resolutionReason: string;
      };
      expect(stored).toMatchObject({
        status: "accepted",
        resolutionReason: "Se comprueba la prueba de nivel C2 registrada por el Servicio de Idiomas.",
      });
      await expectAccessible(page);
      expect(unexpected(errors)).toEqual([]);
    } finally {
      await close();
    }
  }, 400_000);

  it("after the claims: runs the award once more and publishes the definitive list", async () => {
    await demo.stop();
    demo = await startDemo({ now: "2018-05-23T10:00:00+02:00", data });
    const { page, errors, close } = await openPage(browser.get());
    try {
      await signIn(page, COORDINATOR);
      await page.goto(`${demo.url}/staff/runs`);
      const runButton = page
        .locator("section")
        .filter({ has: page.locator("#runs-run") })
        .locator("button");
      await runButton.click();
      await poll(() => page.locator(".alert-success").textContent()).toMatch(/^Ejecución n\.º 4 terminada/);
      await page.goto(`${demo.url}/staff/lists`);
      await page.locator("#publish-run").waitFor();
      await page.getByLabel("Lista definitiva", { exact: true }).check();
      expect(await page.locator("form button[type=submit]").textContent()).toBe(
        "Publicar la lista definitiva",
      );
      await page.locator("form button[type=submit]").click();
      await poll(() => page.locator(".alert-success").textContent()).toContain("Lista definitiva publicada.");
      await expectAccessible(page);
      await screenshot(page, "back-office-lists-definitive");
      const lists = (await (
        await fetch(`${demo.url}${api(`lists?centre=${CENTRE}&kind=definitive`)}`)
      ).json()) as { items: { current: boolean }[] };
      expect(lists.items).toEqual([expect.objectContaining({ current: true })]);
      // The centre's data are final now: another run is refused, in words.
      await page.goto(`${demo.url}/staff/runs`);
      await runButton.click();
      await poll(() => page.locator('.alert-error[role="alert"]').textContent()).toBe(
        CORE_ES.errors.LIST_PUBLISHED,
      );
      expect(unexpected(errors).filter((e) => !e.includes("status of 409"))).toEqual([]);
    } finally {
      await close();
    }
  }, 400_000);
});
