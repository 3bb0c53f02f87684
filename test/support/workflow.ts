// The call as it happens, for the workflow tests (issue 4): a call loaded over HTTP from the demo
// university, students picked by what the engine says of them, multipart uploads, sample files.
import { PDFDocument } from "pdf-lib";
import { expect } from "vitest";
import type { Database } from "../../src/db/database.ts";
import type { Dataset, Student } from "../../src/domain/dataset.ts";
import { scoreAndAward } from "../../src/domain/engine.ts";
import {
  type Client,
  type CreateUserOptions,
  type Credentials,
  client,
  createUser,
  signIn,
  type TestSession,
} from "./auth.ts";
import { agreementsCsv, callInput, demo, studentsCsv } from "./office.ts";

/** Creates the demo call under `callId` with the agreements and students of `centres`, over HTTP. */
export async function loadCall(office: Client, callId: string, centres: readonly string[]): Promise<void> {
  expect((await office.post("/api/calls", callInput(callId))).status).toBe(201);
  const csv = (url: string, text: string) =>
    office.fetch(url, { method: "POST", body: text, headers: { "content-type": "text/csv" } });
  const agreements = demo.dataset.agreements.filter((a) => centres.includes(a.centre));
  const students = demo.dataset.students.filter((s) => centres.includes(s.centre));
  expect((await csv(`/api/calls/${callId}/agreements/import`, agreementsCsv(agreements))).status).toBe(200);
  expect((await csv(`/api/calls/${callId}/students/import`, studentsCsv(students))).status).toBe(200);
}

/**
 * Students of a centre whom nothing excludes and who have at least `minEligible` eligible
 * destinations without any certificate (as the engine judges them on the academic record only).
 */
export function eligibleStudents(
  centre: string,
  minEligible = 2,
): { student: Student; eligible: string[] }[] {
  const agreements = demo.dataset.agreements.filter((a) => a.centre === centre);
  const students = demo.dataset.students
    .filter((s) => s.centre === centre)
    .map((s) => ({ ...s, languageCertificates: [], activities: [] }));
  const dataset: Dataset = {
    ...demo.dataset,
    call: { ...demo.dataset.call, maxChoices: undefined as unknown as number },
    agreements,
    students,
    applications: students.map((s) => ({
      id: s.id,
      studentId: s.id,
      validatedAt: "2018-05-01T10:00:00+02:00",
      choices: agreements.map((a) => a.id),
    })),
  };
  delete (dataset.call as { maxChoices?: number }).maxChoices;
  const outcome = scoreAndAward(dataset);
  return outcome.results
    .filter((r) => r.exclusions.length === 0)
    .map((r) => ({
      student: students.find((s) => s.id === r.studentId)!,
      eligible: r.choices.filter((c) => c.eligible).map((c) => c.agreementId),
    }))
    .filter((x) => x.eligible.length >= minEligible);
}

/** A small valid PDF. */
export async function samplePdf(text = "B2 certificate"): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.addPage([200, 200]).drawText(text, { x: 10, y: 100, size: 10 });
  return pdf.save();
}

/** A 1×1 PNG. */
export const SAMPLE_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** POSTs a multipart form (fields and one file) as the session's user. */
export async function uploadDocument(
  base: string,
  session: TestSession,
  path: string,
  fields: Record<string, string>,
  file: { bytes: Uint8Array; type: string; name: string } | undefined,
): Promise<Response> {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  if (file !== undefined) form.append("file", new Blob([file.bytes], { type: file.type }), file.name);
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { cookie: session.cookie, "x-csrf-token": session.csrfToken },
    body: form,
  });
}

/**
 * The stable reason of a refusal: a workflow refusal's own code (`error.code`, e.g.
 * "DEADLINE_PASSED"); for a bad field (VALIDATION_FAILED, UNSUPPORTED_MEDIA_TYPE) the reason that
 * starts its first issue (`DUPLICATE_CHOICE: …`).
 */
export async function reasonOf(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { error?: { code: string; issues?: { message: string }[] } };
  const code = body.error?.code;
  if (code === "VALIDATION_FAILED" || code === "UNSUPPORTED_MEDIA_TYPE")
    return body.error?.issues?.[0]?.message.split(":")[0];
  return code;
}

/** A signed-in person whose session can be renewed after the test clock jumps ahead. */
export class Person {
  session!: TestSession;
  api!: Client;

  constructor(
    private readonly base: string,
    readonly credentials: Credentials,
  ) {}

  async signIn(): Promise<this> {
    this.session = await signIn(this.base, this.credentials);
    this.api = client(this.base, this.session);
    return this;
  }
}

/** Creates a user and signs them in. */
export async function person(base: string, database: Database, options: CreateUserOptions): Promise<Person> {
  return new Person(base, await createUser(database, options)).signIn();
}
