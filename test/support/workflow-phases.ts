// A call walked through its phases over real HTTP, for the workflow-*.test.ts files (issue 4):
// people signed in, applications validated before the deadline, runs, lists published, offers
// answered. Every step goes through the API; the clock is the test's and everyone signs in again
// after it jumps (sessions expire).
import { expect } from "vitest";
import type { TestClock } from "../../src/clock.ts";
import type { Database } from "../../src/db/database.ts";
import { scoreAndAward } from "../../src/domain/engine.ts";
import { demo } from "./office.ts";
import { eligibleStudents, loadCall, type Person, person } from "./workflow.ts";

export interface RunView {
  id: string;
  outcome: {
    results: {
      studentId: string;
      applicationId: string;
      status: string;
      rank: number | null;
      award: { agreementId: string } | null;
      exclusions: string[];
    }[];
    agreements: { agreementId: string; places: number; awarded: string[]; substitutes: string[] }[];
  };
}

export interface OfferView {
  id: string;
  studentId: string;
  agreementId: string;
  round: number;
  status: string;
  offeredAt: string;
  respondBy: string;
}

export class CallPhases {
  office!: Person;
  readonly coordinators = new Map<string, Person>();
  readonly students = new Map<string, Person>();

  constructor(
    readonly base: string,
    readonly database: Database,
    readonly clock: TestClock,
    readonly callId: string,
    readonly centres: readonly string[],
  ) {}

  /** The call loaded by the office, with a coordinator per centre. */
  async load(): Promise<this> {
    this.office = await person(this.base, this.database, { role: "office" });
    for (const centre of this.centres)
      this.coordinators.set(centre, await person(this.base, this.database, { role: "coordinator", centre }));
    await loadCall(this.office.api, this.callId, this.centres);
    return this;
  }

  coordinator(centre = this.centres[0]!): Person {
    return this.coordinators.get(centre)!;
  }

  student(studentId: string): Person {
    const found = this.students.get(studentId);
    if (found === undefined) throw new Error(`no student ${studentId} signed in`);
    return found;
  }

  /** Moves the clock and signs everyone in again. */
  async at(instant: string): Promise<void> {
    this.clock.set(instant);
    for (const p of [this.office, ...this.coordinators.values(), ...this.students.values()]) await p.signIn();
  }

  /** Each applicant (signed in unless already known) drafts their choices (in the application window) and validates them. */
  async apply(
    centre: string,
    applicants: readonly { studentId: string; choices: string[] }[],
    validateAt = "2018-05-07T12:00:00+02:00",
  ): Promise<void> {
    for (const { studentId, choices } of applicants) {
      // A student's account is theirs across calls: signed in once.
      const p =
        this.students.get(studentId) ??
        (await person(this.base, this.database, { role: "student", centre, studentId }));
      this.students.set(studentId, p);
      const put = await p.api.put(`/api/calls/${this.callId}/students/${studentId}/application`, { choices });
      expect(put.status, await put.clone().text()).toBe(200);
    }
    await this.at(validateAt);
    for (const { studentId } of applicants) {
      const validated = await this.student(studentId).api.post(
        `/api/calls/${this.callId}/students/${studentId}/application/validation`,
      );
      expect(validated.status).toBe(201);
    }
  }

  async run(centre = this.centres[0]!): Promise<RunView> {
    const response = await this.coordinator(centre).api.post(`/api/calls/${this.callId}/award-runs`, {});
    expect(response.status, await response.clone().text()).toBe(201);
    return (await response.json()) as RunView;
  }

  publish(kind: "provisional" | "definitive", runId: string, centre = this.centres[0]!, reason?: string) {
    return this.coordinator(centre).api.post(`/api/calls/${this.callId}/lists`, {
      centre,
      kind,
      runId,
      ...(reason === undefined ? {} : { reason }),
    });
  }

  /** Runs the engine and publishes that run; expects it to be published. */
  async runAndPublish(kind: "provisional" | "definitive", centre = this.centres[0]!, reason?: string) {
    const run = await this.run(centre);
    const published = await this.publish(kind, run.id, centre, reason);
    expect(published.status, await published.clone().text()).toBe(201);
    return { run, list: (await published.json()) as { id: string } };
  }

  async offers(who: Person = this.office): Promise<OfferView[]> {
    const response = await who.api.get(`/api/calls/${this.callId}/offers`);
    expect(response.status).toBe(200);
    return ((await response.json()) as { items: OfferView[] }).items;
  }

  respond(studentId: string, decision: "accept" | "renounce"): Promise<Response> {
    return this.student(studentId).api.post(
      `/api/calls/${this.callId}/students/${studentId}/offer/response`,
      { decision },
    );
  }
}

/** A destination of the centre with `places` places that at least `count` students could get. */
export function contested(
  centre: string,
  count: number,
  places = 1,
): { agreementId: string; students: string[] } {
  const candidates = eligibleStudents(centre, 1);
  for (const agreement of demo.dataset.agreements.filter((a) => a.centre === centre && a.places === places)) {
    const who = candidates.filter((c) => c.eligible.includes(agreement.id));
    if (who.length >= count)
      return { agreementId: agreement.id, students: who.slice(0, count).map((w) => w.student.id) };
  }
  throw new Error(`no destination of ${centre} with ${places} places for ${count} students in the demo`);
}

/**
 * Two destinations X and Y of the centre (give each one place) and three students ranked s1 > s2 > s3 (strictly
 * by total, as the engine scores them on their academic record), s1 eligible for X, s2 for X and Y,
 * s3 for Y: with choices s1 [X], s2 [X, Y], s3 [Y] the engine awards X to s1 and Y to s2, and s2 is
 * X's first substitute, s3 Y's.
 */
export function upgradeChain(centre: string) {
  const agreements = demo.dataset.agreements.filter((a) => a.centre === centre);
  const students = demo.dataset.students
    .filter((s) => s.centre === centre)
    .map((s) => ({ ...s, languageCertificates: [], activities: [] }));
  const call = { ...demo.dataset.call };
  delete (call as { maxChoices?: number }).maxChoices;
  const outcome = scoreAndAward({
    ...demo.dataset,
    call,
    agreements,
    students,
    applications: students.map((s) => ({
      id: s.id,
      studentId: s.id,
      validatedAt: "2018-05-01T10:00:00+02:00",
      choices: agreements.map((a) => a.id),
    })),
  });
  const ranked = outcome.results
    .filter((r) => r.exclusions.length === 0 && r.score !== null)
    .map((r) => ({
      id: r.studentId,
      total: r.score!.total,
      eligible: new Set(r.choices.filter((c) => c.eligible).map((c) => c.agreementId)),
    }))
    .sort((a, b) => b.total - a.total);
  // Places do not change who is eligible (unless none): the test sets X's and Y's to 1.
  const single = agreements.filter((a) => a.places >= 1).map((a) => a.id);
  for (const x of single)
    for (const y of single) {
      if (x === y) continue;
      for (const [i, s1] of ranked.entries()) {
        if (!s1.eligible.has(x)) continue;
        const s2 = ranked
          .slice(i + 1)
          .find((s) => s.total < s1.total && s.eligible.has(x) && s.eligible.has(y));
        if (s2 === undefined) continue;
        const s3 = ranked.find((s) => s.total < s2.total && s.eligible.has(y));
        if (s3 !== undefined) return { x, y, s1: s1.id, s2: s2.id, s3: s3.id };
      }
    }
  throw new Error(`no upgrade chain in the demo's ${centre}`);
}
