// Every role against centre A's agreements, students and outcome, over real HTTP (issue 3, item 5):
// each reaches exactly its scope. Out of scope reads as absent (404); a role that may not act at all
// is refused (401 for the public, 403 for a user); lists and searches never show another centre's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { App } from "../../src/http/app.ts";
import type { Role } from "../../src/policies/policies.ts";
import { exportDataset } from "../../src/use-cases/export-dataset.ts";
import { importDataset } from "../../src/use-cases/import-dataset.ts";
import { type Client, client, signInAs } from "../support/auth.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import {
  agreementRow,
  agreementsCsv,
  callInput,
  demo,
  loadCentresAndDegrees,
  STUDENTS_HEADER,
  studentRow,
  studentsCsv,
} from "../support/office.ts";

const CALL = "roles";
const A = "ETSII";
const B = "ETSIT";
const WHO = [
  "public",
  "student",
  "coordinator A",
  "coordinator B",
  "language-service",
  "office",
  "admin",
] as const;
type Who = (typeof WHO)[number];

const agreementsOfA = demo.dataset.agreements.filter((a) => a.centre === A);
const agreementsOfB = demo.dataset.agreements.filter((a) => a.centre === B);
const studentsOfA = demo.dataset.students.filter((s) => s.centre === A);
const studentsOfB = demo.dataset.students.filter((s) => s.centre === B);
/** The student who signs in (of centre A), and another student of A whose record they may not read. */
const me = studentsOfA[0]!;
const classmate = studentsOfA[1]!;
const agreementA = agreementsOfA[0]!;

interface Page {
  items: { id?: string; centre?: string }[];
  total: number;
}
interface OutcomeBody {
  results: { studentId: string }[];
  agreements: { agreementId: string }[];
}

describe(`every role against centre A's data over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const apis = new Map<Who, Client>();
  const clock = new TestClock("2018-04-02T09:00:00+02:00");

  beforeAll(async () => {
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    const as = async (role: Role, options: { centre?: string; studentId?: string } = {}) =>
      (await signInAs(base, database, { role, ...options })).api;
    apis.set("public", client(base));
    apis.set("student", await as("student", { centre: A, studentId: me.id }));
    apis.set("coordinator A", await as("coordinator", { centre: A }));
    apis.set("coordinator B", await as("coordinator", { centre: B }));
    apis.set("language-service", await as("language-service"));
    apis.set("office", await as("office"));
    apis.set("admin", await as("admin"));

    const office = apis.get("office")!;
    expect((await office.post("/api/calls", callInput(CALL))).status).toBe(201);
    const csv = (url: string, text: string) =>
      office.fetch(url, { method: "POST", body: text, headers: { "content-type": "text/csv" } });
    expect(
      (await csv(`/api/calls/${CALL}/agreements/import`, agreementsCsv([...agreementsOfA, ...agreementsOfB])))
        .status,
    ).toBe(200);
    expect(
      (await csv(`/api/calls/${CALL}/students/import`, studentsCsv([...studentsOfA, ...studentsOfB]))).status,
    ).toBe(200);
    // The demo's applications of both centres, as the workflow (next issue) will store them.
    const stored = await exportDataset({ db: database.db, callId: CALL });
    const ids = new Set(stored.students.map((s) => s.id));
    await importDataset({
      db: database.db,
      clock,
      dataset: {
        ...stored,
        students: demo.dataset.students.filter((s) => ids.has(s.id)),
        applications: demo.dataset.applications.filter((a) => ids.has(a.studentId)),
      },
      replace: true,
    });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  const api = (who: Who) => apis.get(who)!;
  const path = (rest: string) => `/api/calls/${CALL}${rest}`;
  const idA = encodeURIComponent(agreementA.id);

  /** Expected status per role; then, for a 200, what the body must (not) contain. */
  function matrix(
    operation: string,
    send: (api: Client, who: Who) => Promise<Response>,
    expected: Record<Who, number>,
    check?: (who: Who, body: unknown) => void,
  ) {
    it(`${operation}: ${WHO.map((w) => `${w} ${expected[w]}`).join(", ")}`, async () => {
      for (const who of WHO) {
        const response = await send(api(who), who);
        const body: unknown = response.status === 204 ? null : await response.json();
        expect({ who, status: response.status }).toEqual({ who, status: expected[who] });
        if (response.status >= 400)
          expect((body as { error: { code: string } }).error.code).toBe(
            { 400: "VALIDATION_FAILED", 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND" }[
              response.status
            ],
          );
        else check?.(who, body);
      }
    });
  }

  matrix(
    "list agreements (and search for one of centre A)",
    (api) => api.get(path(`/agreements?q=${encodeURIComponent(agreementA.partner.name)}`)),
    {
      public: 401,
      student: 200,
      "coordinator A": 200,
      "coordinator B": 200,
      "language-service": 403,
      office: 200,
      admin: 200,
    },
    (who, body) => {
      const { items } = body as Page;
      const centres = new Set(items.map((a) => a.centre));
      if (who === "coordinator B") expect([...centres].every((c) => c === B)).toBe(true);
      else expect(items.map((a) => a.id)).toContain(agreementA.id);
      if (who === "student" || who === "coordinator A") expect([...centres]).toEqual([A]);
    },
  );

  matrix(
    "list agreements filtered to centre A",
    (api) => api.get(path(`/agreements?centre=${A}`)),
    {
      public: 401,
      student: 200,
      "coordinator A": 200,
      "coordinator B": 200,
      "language-service": 403,
      office: 200,
      admin: 200,
    },
    (who, body) => {
      const page = body as Page;
      expect(page.total).toBe(who === "coordinator B" ? 0 : agreementsOfA.length);
    },
  );

  matrix("read one of centre A's agreements", (api) => api.get(path(`/agreements/${idA}`)), {
    public: 401,
    student: 200,
    "coordinator A": 200,
    "coordinator B": 404,
    "language-service": 403,
    office: 200,
    admin: 200,
  });

  matrix(
    "edit one of centre A's agreements",
    (api) => api.patch(path(`/agreements/${idA}`), { places: agreementA.places }),
    {
      public: 401,
      student: 403,
      "coordinator A": 200,
      "coordinator B": 404,
      "language-service": 403,
      office: 200,
      admin: 200,
    },
  );

  matrix(
    "create an agreement of centre A",
    (api, who) =>
      api.post(path("/agreements"), {
        id: `ETSII-NEW-${who.replace(/\s/g, "-")}`,
        centre: A,
        partner: { name: "Universidade do Porto", country: "PT" },
        places: 1,
        months: 5,
        cycles: ["grado"],
      }),
    {
      public: 401,
      student: 403,
      "coordinator A": 201,
      "coordinator B": 403,
      "language-service": 403,
      office: 201,
      admin: 201,
    },
  );

  matrix(
    "import a spreadsheet with a row of centre A",
    (api) =>
      api.fetch(path("/agreements/import"), {
        method: "POST",
        body: agreementsCsv([]).concat(`\n${agreementRow(agreementA, "2018-06-30")}`),
        headers: { "content-type": "text/csv" },
      }),
    {
      public: 401,
      student: 403,
      "coordinator A": 200,
      "coordinator B": 400,
      "language-service": 403,
      office: 200,
      admin: 200,
    },
  );

  matrix(
    "list students (and search for a student of centre A)",
    (api) => api.get(path(`/students?q=${classmate.id}`)),
    {
      public: 401,
      student: 200,
      "coordinator A": 200,
      "coordinator B": 200,
      "language-service": 403,
      office: 200,
      admin: 200,
    },
    (who, body) => {
      const ids = (body as Page).items.map((s) => s.id);
      expect(ids).toEqual(who === "student" || who === "coordinator B" ? [] : [classmate.id]);
    },
  );

  matrix(
    "list every student one may see",
    (api) => api.get(path("/students")),
    {
      public: 401,
      student: 200,
      "coordinator A": 200,
      "coordinator B": 200,
      "language-service": 403,
      office: 200,
      admin: 200,
    },
    (who, body) => {
      const { items, total } = body as Page;
      const expected = {
        student: [me.id],
        "coordinator A": studentsOfA.map((s) => s.id),
        "coordinator B": studentsOfB.map((s) => s.id),
      }[who as "student"];
      if (expected !== undefined) expect(items.map((s) => s.id)).toEqual(expected);
      else expect(total).toBe(studentsOfA.length + studentsOfB.length);
    },
  );

  matrix(
    "read a student of centre A (not the signed-in student)",
    (api) => api.get(path(`/students/${classmate.id}`)),
    {
      public: 401,
      student: 404,
      "coordinator A": 200,
      "coordinator B": 404,
      "language-service": 403,
      office: 200,
      admin: 200,
    },
  );

  matrix("read the signed-in student's own record", (api) => api.get(path(`/students/${me.id}`)), {
    public: 401,
    student: 200,
    "coordinator A": 200,
    "coordinator B": 404,
    "language-service": 403,
    office: 200,
    admin: 200,
  });

  matrix(
    "import a record of centre A",
    (api) =>
      api.fetch(path("/students/import"), {
        method: "POST",
        body: `${STUDENTS_HEADER}\n${studentRow(classmate)}`,
        headers: { "content-type": "text/csv" },
      }),
    {
      public: 401,
      student: 403,
      "coordinator A": 200,
      "coordinator B": 400,
      "language-service": 403,
      office: 200,
      admin: 200,
    },
  );

  matrix(
    "the outcome",
    (api) => api.get(path("/outcome")),
    {
      public: 401,
      student: 403,
      "coordinator A": 200,
      "coordinator B": 200,
      "language-service": 403,
      office: 200,
      admin: 200,
    },
    (who, body) => {
      const outcome = body as OutcomeBody;
      const centreOf = new Map(demo.dataset.students.map((s) => [s.id, s.centre]));
      const agreementCentre = new Map(demo.dataset.agreements.map((a) => [a.id, a.centre]));
      const results = new Set(outcome.results.map((r) => centreOf.get(r.studentId)));
      const agreements = new Set(outcome.agreements.map((a) => agreementCentre.get(a.agreementId) ?? A));
      const expected = who === "coordinator A" ? [A] : who === "coordinator B" ? [B] : [A, B];
      expect([...results].sort()).toEqual(expected);
      expect([...agreements].sort()).toEqual(expected);
    },
  );

  matrix("set centre A's own rules", (api) => api.put(path(`/centre-rules/${A}`), { maxChoices: 8 }), {
    public: 401,
    student: 403,
    "coordinator A": 200,
    "coordinator B": 403,
    "language-service": 403,
    office: 200,
    admin: 200,
  });

  matrix(
    "edit the call's calendar",
    (api) => api.patch(path(""), { calendar: { levelTestAt: "2018-05-04T09:30:00+02:00" } }),
    {
      public: 401,
      student: 403,
      "coordinator A": 403,
      "coordinator B": 403,
      "language-service": 403,
      office: 200,
      admin: 200,
    },
  );

  matrix(
    "read the call and the centres",
    async (api) => {
      const [call, centres] = await Promise.all([api.get(path("")), api.get("/api/centres")]);
      await centres.arrayBuffer();
      return call;
    },
    {
      public: 200,
      student: 200,
      "coordinator A": 200,
      "coordinator B": 200,
      "language-service": 200,
      office: 200,
      admin: 200,
    },
  );

  matrix(
    "rename centre A",
    (api) => api.patch(`/api/centres/${A}`, { nameEn: "School of Industrial Engineering" }),
    {
      public: 401,
      student: 403,
      "coordinator A": 403,
      "coordinator B": 403,
      "language-service": 403,
      office: 200,
      admin: 200,
    },
  );
});
