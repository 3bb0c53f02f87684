// Every refusal of the call's workflow carries its own stable code (src/errors.ts WORKFLOW_CODES),
// 409 over HTTP, with words in both catalogues and its meaning in the OpenAPI document, so a
// client relies on `error.code` alone (docs/decisions/0013-workflow-completion.md). A bad field
// stays VALIDATION_FAILED with the field's reason in its issue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import { ERROR_CODES, WORKFLOW_CODE_MEANINGS, WORKFLOW_CODES } from "../../src/errors.ts";
import type { App } from "../../src/http/app.ts";
import { HTTP_STATUS } from "../../src/http/errors.ts";
import en from "../../web/src/i18n/en.json" with { type: "json" };
import es from "../../web/src/i18n/es.json" with { type: "json" };
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { loadCentresAndDegrees } from "../support/office.ts";
import { eligibleStudents, loadCall, type Person, person } from "../support/workflow.ts";

const CALL = "refusals";
const A = "ETSII";

interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

describe(`workflow refusals with their own codes over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-04-20T10:00:00+02:00");
  const [picked] = eligibleStudents(A, 1);
  let office: Person;
  let coordinator: Person;
  let student: Person;
  const at = async (instant: string) => {
    clock.set(instant);
    for (const p of [office, coordinator, student]) await p.signIn();
  };
  const refused = async (response: Response, code: string) => {
    expect(response.status).toBe(409);
    const body = (await response.json()) as ErrorBody;
    expect(body.error.code).toBe(code);
    // The code says it all; the 0005 issue (`CODE: …`) stays, with the same code, for older clients.
    expect(body.error.issues).toEqual([{ path: "reason", message: `${code}: ${body.error.message}` }]);
    return body;
  };
  const application = () => `/api/calls/${CALL}/students/${picked!.student.id}/application`;

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    office = await person(base, database, { role: "office" });
    coordinator = await person(base, database, { role: "coordinator", centre: A });
    await loadCall(office.api, CALL, [A]);
    student = await person(base, database, { role: "student", centre: A, studentId: picked!.student.id });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("maps every workflow code to 409 and names it in Spanish and English", () => {
    for (const code of WORKFLOW_CODES) {
      expect(ERROR_CODES).toContain(code);
      expect(HTTP_STATUS[code]).toBe(409);
      expect((es.errors as Record<string, string>)[code], code).toBeTruthy();
      expect((en.errors as Record<string, string>)[code], code).toBeTruthy();
      expect((es.errors as Record<string, string>)[code]).not.toBe(
        (en.errors as Record<string, string>)[code],
      );
    }
  });

  it("refuses the application's steps with CALL_NOT_OPEN, NO_CHOICES and DEADLINE_PASSED", async () => {
    await refused(
      await student.api.put(application(), { choices: picked!.eligible.slice(0, 1) }),
      "CALL_NOT_OPEN",
    );
    await at("2018-04-24T10:00:00+02:00");
    expect((await student.api.put(application(), { choices: [] })).status).toBe(200);
    await refused(await student.api.post(`${application()}/validation`), "NO_CHOICES");
    expect((await student.api.put(application(), { choices: picked!.eligible.slice(0, 1) })).status).toBe(
      200,
    );
    // A bad field is still VALIDATION_FAILED, its reason in the issue that names the field.
    const duplicate = await student.api.put(application(), {
      choices: [picked!.eligible[0], picked!.eligible[0]],
    });
    expect(duplicate.status).toBe(400);
    expect(((await duplicate.json()) as ErrorBody).error).toMatchObject({
      code: "VALIDATION_FAILED",
      issues: [{ path: "body/choices/1", message: expect.stringMatching(/^DUPLICATE_CHOICE: /) }],
    });
    await at("2018-05-07T14:00:00.001+02:00");
    const late = await refused(await student.api.post(`${application()}/validation`), "DEADLINE_PASSED");
    expect(late.error.message).toContain("2018-05-07T12:00:00.000Z");
  });

  it("refuses claims, lists and answers out of their time with their own codes", async () => {
    const renounce = () => student.api.post(`/api/calls/${CALL}/students/${picked!.student.id}/renunciation`);
    await refused(await renounce(), "CLAIMS_WINDOW_CLOSED");
    await refused(
      await student.api.post(`/api/calls/${CALL}/students/${picked!.student.id}/offer/response`, {
        decision: "accept",
      }),
      "DEFINITIVE_LIST_MISSING",
    );
    await at("2018-05-10T10:00:00+02:00");
    const run = (await (await coordinator.api.post(`/api/calls/${CALL}/award-runs`, {})).json()) as {
      id: string;
    };
    const publish = (kind: string) =>
      coordinator.api.post(`/api/calls/${CALL}/lists`, { centre: A, kind, runId: run.id });
    await refused(await publish("provisional"), "TOO_EARLY");
    await at("2018-05-23T10:00:00+02:00");
    await refused(await publish("definitive"), "PROVISIONAL_LIST_MISSING");
  });

  it("documents every code with its meaning in the OpenAPI document", async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      components: { schemas: Record<string, unknown> };
    };
    const schema = doc.components.schemas.Error as {
      properties: { error: { properties: { code: { enum: string[]; description: string } } } };
    };
    const code = schema.properties.error.properties.code;
    expect(code.enum).toEqual([...ERROR_CODES]);
    for (const c of WORKFLOW_CODES)
      expect(code.description).toContain(`\`${c}\` (409): ${WORKFLOW_CODE_MEANINGS[c]}`);
    expect(code.description).toContain("`DUPLICATE_CHOICE`");
  });
});
