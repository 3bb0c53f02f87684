// Loads the demo university (src/demo/university.ts) into an empty database, through the same use
// cases an office uses, so every record is audited and checked like real data. One account per role
// of SPEC 2, each with its own random password (never a default one).

import type { Kysely } from "kysely";
import { newPassphrase } from "../auth/tokens.ts";
import type { Clock } from "../clock.ts";
import { findCentre } from "../db/repositories/centres.ts";
import { findDegree } from "../db/repositories/degrees.ts";
import { actorOf, findUserByEmail, listUsers } from "../db/repositories/users.ts";
import type { DB } from "../db/schema.ts";
import type { FileStore } from "../files/file-store.ts";
import type { Role } from "../policies/policies.ts";
import { bootstrapAdmin } from "../use-cases/bootstrap-admin.ts";
import { createCentre } from "../use-cases/create-centre.ts";
import { createDegree } from "../use-cases/create-degree.ts";
import { createUser } from "../use-cases/create-user.ts";
import { importDataset } from "../use-cases/import-dataset.ts";
import { updateCall } from "../use-cases/update-call.ts";
import { seedDemoDocuments } from "./seed-documents.ts";
import { buildDemoUniversity } from "./university.ts";

export interface DemoAccount {
  role: Role;
  email: string;
  password: string;
  displayName: string;
  centre?: string;
  studentId?: string;
}

const ACCOUNTS: Omit<DemoAccount, "password">[] = [
  { role: "admin", email: "admin@demo.upct.es", displayName: "Administración Mobilitas" },
  { role: "office", email: "rrii@demo.upct.es", displayName: "Servicio de Relaciones Internacionales" },
  {
    role: "coordinator",
    email: "coord.etsii@demo.upct.es",
    displayName: "Subdirección de Internacionales ETSII",
    centre: "ETSII",
  },
  {
    role: "coordinator",
    email: "coord.etsit@demo.upct.es",
    displayName: "Subdirección de Internacionales ETSIT",
    centre: "ETSIT",
  },
  { role: "language-service", email: "idiomas@demo.upct.es", displayName: "Servicio de Idiomas" },
  { role: "mentor", email: "padrino@demo.upct.es", displayName: "Mentor (Programa Padrino)" },
  { role: "incoming", email: "incoming@demo.upct.es", displayName: "Incoming student", studentId: "IN-0001" },
];

const DEMO_STUDENT_EMAIL = "estudiante@demo.upct.es";

/**
 * Seeds the demo once; returns the accounts it created, or null when the demo is already complete.
 * Every step is skipped when already done, so a start interrupted half-way resumes where it stopped
 * (each use case is its own transaction).
 */
export async function seedDemo(options: {
  db: Kysely<DB>;
  clock: Clock;
  files: FileStore;
}): Promise<DemoAccount[] | null> {
  const { db, clock, files } = options;
  const demo = buildDemoUniversity();
  if ((await findUserByEmail(db, DEMO_STUDENT_EMAIL)) !== undefined) return null;

  const accounts: DemoAccount[] = [];
  const adminTemplate = ACCOUNTS[0]!;
  const adminPassword = newPassphrase();
  const bootstrap = await bootstrapAdmin({
    db,
    clock,
    admin: { email: adminTemplate.email, password: adminPassword, displayName: adminTemplate.displayName },
  });
  if (bootstrap.kind === "admin-created") accounts.push({ ...adminTemplate, password: adminPassword });
  const admin = (await listUsers(db, { role: "admin", limit: 100 })).find((user) => user.active);
  if (!admin) throw new Error("the demo needs an active administrator");
  const actor = actorOf(admin);

  for (const centre of demo.centres) {
    if ((await findCentre(db, centre.code)) !== undefined) continue;
    await createCentre({
      db,
      clock,
      actor,
      input: { code: centre.code, name: centre.nameEs, nameEn: centre.nameEn },
    });
  }
  for (const degree of demo.degrees) {
    if ((await findDegree(db, degree.code)) !== undefined) continue;
    await createDegree({
      db,
      clock,
      actor,
      input: {
        code: degree.code,
        centre: degree.centre,
        name: degree.nameEs,
        nameEn: degree.nameEn,
        cycle: degree.cycle,
        credits: degree.credits,
      },
    });
  }
  await importDataset({ db, clock, actor, dataset: demo.dataset });
  await updateCall({
    db,
    clock,
    actor,
    callId: demo.dataset.call.id,
    edit: { round: 2, calendar: demo.calendar },
  });

  await seedDemoDocuments({ db, files, actor, demo });

  const student = demo.dataset.students[0]!;
  const people: Omit<DemoAccount, "password">[] = [
    ...ACCOUNTS.slice(1),
    {
      role: "student",
      email: DEMO_STUDENT_EMAIL,
      displayName: student.name ?? student.id,
      centre: student.centre,
      studentId: student.id,
    },
  ];
  for (const person of people) {
    if ((await findUserByEmail(db, person.email)) !== undefined) continue;
    const password = newPassphrase();
    await createUser({ db, clock, actor, ...person, password });
    accounts.push({ ...person, password });
  }
  return accounts;
}
