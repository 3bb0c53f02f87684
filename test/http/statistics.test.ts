// Statistics of a call over real HTTP (issue 5): counts right on data whose make-up is known, small
// cells suppressed (and one more where the total would give a hidden one back), awards counted
// from the published list, and who may see what: the office every centre, a coordinator their own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClock } from "../../src/clock.ts";
import type { Dataset, Student } from "../../src/domain/dataset.ts";
import type { App } from "../../src/http/app.ts";
import { importDataset } from "../../src/use-cases/import-dataset.ts";
import { client } from "../support/auth.ts";
import { createTestDatabase, type TestDatabase, testDatabaseKind } from "../support/database.ts";
import { listen } from "../support/http.ts";
import { callInput, demo, loadCentresAndDegrees } from "../support/office.ts";
import { eligibleStudents, type Person, person } from "../support/workflow.ts";

const CALL = "stats";
const A = "ETSII";
const B = "ETSIT";

interface Count {
  count: number | null;
  suppressed: boolean;
  reason: "small" | "complement" | null;
}
interface Row {
  key: string;
  applications: Count;
  awarded: Count;
}
interface Statistics {
  callId: string;
  centre: string | null;
  minCell: number;
  awardsFrom: { centre: string; listId: string; kind: string }[];
  total: Row;
  dimensions: Record<"centre" | "country" | "gender" | "disability" | "disadvantaged", Row[]>;
}

const shown = (n: number): Count => ({ count: n, suppressed: false, reason: null });
const SMALL: Count = { count: null, suppressed: true, reason: "small" };
const COMPLEMENT: Count = { count: null, suppressed: true, reason: "complement" };
const applications = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.key, r.applications]));
const awarded = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.key, r.awarded]));

/** Every count shown is right; a hidden one is small, or the one more hiding a lone small one. */
function expectSuppressed(rows: Row[], measure: "applications" | "awarded", expected: Map<string, number>) {
  const small = [...expected.values()].filter((n) => n > 0 && n < 5).length;
  let extra = 0;
  for (const row of rows) {
    const n = expected.get(row.key) ?? 0;
    const cell = row[measure];
    if (!cell.suppressed) expect(cell.count, `${measure} ${row.key}`).toBe(n);
    else if (n >= 5) {
      extra++;
      expect(cell.reason).toBe("complement");
    } else {
      expect(n).toBeGreaterThan(0);
      expect(cell.reason).toBe("small");
    }
    if (n > 0 && n < 5) expect(cell.suppressed, `${measure} ${row.key} (${n})`).toBe(true);
  }
  expect(extra).toBe(small === 1 && expected.size > 1 ? 1 : 0);
  expect(rows.reduce((sum, r) => sum + (r[measure].count ?? 0), 0)).toBeLessThanOrEqual(
    [...expected.values()].reduce((s, n) => s + n, 0),
  );
}

describe(`call statistics over HTTP on ${testDatabaseKind}`, () => {
  let database: TestDatabase;
  let app: App;
  let base: string;
  const clock = new TestClock("2018-05-11T10:00:00+02:00");
  let office: Person;
  let coordinatorA: Person;
  let coordinatorB: Person;
  let student: Person;
  const inA = eligibleStudents(A, 1).slice(0, 20);
  const inB = eligibleStudents(B, 1).slice(0, 7);
  const draft = demo.dataset.students.find((s) => s.centre === A && !inA.some((x) => x.student.id === s.id))!;
  // ETSII: 12 female, 6 male, 2 other; 3 with a disability; 5 from a disadvantaged background.
  // ETSIT: 7 female, none with a disability, background not recorded.
  const profile = (s: Student): Student => {
    const a = inA.findIndex((x) => x.student.id === s.id);
    if (a >= 0)
      return {
        ...s,
        gender: a < 12 ? "female" : a < 18 ? "male" : "other",
        disability: a < 3,
        disadvantaged: a < 5,
      };
    if (inB.some((x) => x.student.id === s.id)) {
      const { disadvantaged: _unknown, ...rest } = s;
      return { ...rest, gender: "female", disability: false };
    }
    return s;
  };
  const picked = [...inA, ...inB];
  const dataset: Dataset = {
    ...demo.dataset,
    call: { ...demo.dataset.call, id: CALL },
    agreements: demo.dataset.agreements.filter((a) => a.centre === A || a.centre === B),
    students: demo.dataset.students.filter((s) => s.centre === A || s.centre === B).map(profile),
    applications: [
      ...picked.map((p) => ({
        id: `APP-${p.student.id}`,
        studentId: p.student.id,
        validatedAt: "2018-05-02T10:00:00+02:00",
        choices: p.eligible.slice(0, 2),
      })),
      { id: `APP-${draft.id}`, studentId: draft.id, validatedAt: null, choices: [] },
    ],
  };
  const countryOf = new Map(dataset.agreements.map((a) => [a.id, a.partner.country]));
  const statistics = async (who: Person | null, query = "") => {
    const response = await (who === null ? client(base) : who.api).get(
      `/api/calls/${CALL}/statistics${query}`,
    );
    return { status: response.status, body: (await response.json()) as Statistics };
  };

  beforeAll(async () => {
    expect(inA).toHaveLength(20);
    expect(inB).toHaveLength(7);
    database = await createTestDatabase();
    await loadCentresAndDegrees(database.db);
    ({ app, base } = await listen({ database, clock }));
    office = await person(base, database, { role: "office" });
    coordinatorA = await person(base, database, { role: "coordinator", centre: A });
    coordinatorB = await person(base, database, { role: "coordinator", centre: B });
    student = await person(base, database, { role: "student", centre: A, studentId: inA[0]!.student.id });
    expect((await office.api.post("/api/calls", callInput(CALL))).status).toBe(201);
    await importDataset({ db: database.db, clock, dataset, replace: true });
  });
  afterAll(async () => {
    await app?.close();
    await database?.dispose();
  });

  it("counts the validated applications of every centre, hiding the small cells", async () => {
    const { status, body } = await statistics(office);
    expect(status).toBe(200);
    expect(body.centre).toBeNull();
    expect(body.minCell).toBe(5);
    expect(body.awardsFrom).toEqual([]);
    expect(body.total).toEqual({ key: "total", applications: shown(27), awarded: shown(0) });
    expect(applications(body.dimensions.centre)).toEqual({ [A]: shown(20), [B]: shown(7) });
    // 2 "other" are hidden, and so are the 6 "male", or 27 − 19 would give the 2 back.
    expect(applications(body.dimensions.gender)).toEqual({
      female: shown(19),
      male: COMPLEMENT,
      other: SMALL,
      undisclosed: shown(0),
    });
    expect(applications(body.dimensions.disability)).toEqual({ yes: SMALL, no: COMPLEMENT });
    expect(applications(body.dimensions.disadvantaged)).toEqual({
      yes: shown(5),
      no: shown(15),
      unknown: shown(7),
    });
    const firstChoice = new Map<string, number>();
    for (const p of picked) {
      const country = countryOf.get(p.eligible[0]!)!;
      firstChoice.set(country, (firstChoice.get(country) ?? 0) + 1);
    }
    expect(new Set(body.dimensions.country.map((r) => r.key))).toEqual(new Set(firstChoice.keys()));
    expectSuppressed(body.dimensions.country, "applications", firstChoice);
    expect(JSON.stringify(body)).not.toContain(inA[0]!.student.id);
  });

  it("gives a coordinator their own centre, and the office one centre when asked", async () => {
    const own = await statistics(coordinatorB);
    expect(own.status).toBe(200);
    expect(own.body.centre).toBe(B);
    expect(own.body.total.applications).toEqual(shown(7));
    expect(applications(own.body.dimensions.centre)).toEqual({ [B]: shown(7) });
    expect(applications(own.body.dimensions.gender)).toEqual({
      female: shown(7),
      male: shown(0),
      other: shown(0),
      undisclosed: shown(0),
    });
    expect(applications(own.body.dimensions.disadvantaged)).toEqual({
      yes: shown(0),
      no: shown(0),
      unknown: shown(7),
    });
    expect((await statistics(coordinatorB, `?centre=${B}`)).body).toEqual(own.body);

    const one = await statistics(office, `?centre=${A}`);
    expect(one.status).toBe(200);
    expect(one.body.total.applications).toEqual(shown(20));
    expect(applications(one.body.dimensions.gender)).toEqual({
      female: shown(12),
      male: COMPLEMENT,
      other: SMALL,
      undisclosed: shown(0),
    });
    expect(applications(one.body.dimensions.disability)).toEqual({ yes: SMALL, no: COMPLEMENT });
    expect(applications(one.body.dimensions.disadvantaged)).toEqual({ yes: shown(5), no: shown(15) });
  });

  it("refuses another centre's coordinator, a student and the public; unknown call or centre 404", async () => {
    expect((await statistics(coordinatorB, `?centre=${A}`)).status).toBe(403);
    expect((await statistics(coordinatorA, `?centre=${B}`)).status).toBe(403);
    expect((await statistics(student)).status).toBe(403);
    expect((await statistics(student, `?centre=${A}`)).status).toBe(403);
    expect((await statistics(null)).status).toBe(401);
    expect((await statistics(office, "?centre=NOPE")).status).toBe(404);
    expect((await office.api.get("/api/calls/nope/statistics")).status).toBe(404);
    const bad = await office.api.get(`/api/calls/${CALL}/statistics?centre=${A}&student=x`);
    expect(bad.status).toBe(400);
  });

  it("counts the awards of the published list, by the awarded destination's country", async () => {
    const run = await coordinatorA.api.post(`/api/calls/${CALL}/award-runs`, {});
    expect(run.status).toBe(201);
    const runId = ((await run.json()) as { id: string }).id;
    const published = await coordinatorA.api.post(`/api/calls/${CALL}/lists`, {
      centre: A,
      kind: "provisional",
      runId,
    });
    expect(published.status).toBe(201);
    const listId = ((await published.json()) as { id: string }).id;
    const list = (await (await fetch(`${base}/api/calls/${CALL}/lists/${listId}`)).json()) as {
      entries: { status: string; destination: { country: string } | null }[];
    };
    const won = list.entries.filter((e) => e.status === "awarded");
    expect(won.length).toBeGreaterThanOrEqual(5);

    const { body } = await statistics(office);
    expect(body.awardsFrom).toEqual([expect.objectContaining({ centre: A, listId, kind: "provisional" })]);
    expect(body.total.awarded).toEqual(shown(won.length));
    expect(awarded(body.dimensions.centre)).toEqual({ [A]: shown(won.length), [B]: shown(0) });
    const byCountry = new Map<string, number>();
    for (const e of won)
      byCountry.set(e.destination!.country, (byCountry.get(e.destination!.country) ?? 0) + 1);
    expectSuppressed(body.dimensions.country, "awarded", byCountry);
    const genders = body.dimensions.gender.map((r) => r.awarded);
    expect(genders.every((c) => c.suppressed || (c.count ?? 0) === 0 || (c.count ?? 0) >= 5)).toBe(true);

    const other = await statistics(coordinatorB);
    expect(other.body.awardsFrom).toEqual([]);
    expect(other.body.total.awarded).toEqual(shown(0));
  });
});
