// People who sign in (SPEC 2). The password hash is read by one function only, for sign-in:
// every other read leaves it out, so no presenter or audit record can ever carry it.

import { type Kysely, type Selectable, sql } from "kysely";
import { type Actor, ROLES, type Role } from "../../policies/policies.ts";
import type { DB, UsersTable } from "../schema.ts";

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  /** Coordinators: the centre they manage; students: the centre they belong to. */
  centre: string | null;
  /** Students and incoming students: their university student id. */
  studentId: string | null;
  active: boolean;
  preferredLanguage: "es" | "en";
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = [
  "id",
  "email",
  "display_name",
  "role",
  "centre_code",
  "student_id",
  "active",
  "preferred_language",
  "created_at",
  "updated_at",
] as const;
type Row = Pick<Selectable<UsersTable>, (typeof COLUMNS)[number]>;

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export function toUser(row: Row): User {
  if (!isRole(row.role)) throw new Error(`user ${row.id} has an unknown role ${row.role}`);
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    centre: row.centre_code,
    studentId: row.student_id,
    active: row.active,
    preferredLanguage: row.preferred_language === "en" ? "en" : "es",
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findUserById(db: Kysely<DB>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom("users").select(COLUMNS).where("id", "=", id).executeTakeFirst();
  return row && toUser(row);
}

export async function findUserByEmail(db: Kysely<DB>, email: string): Promise<User | undefined> {
  const row = await db.selectFrom("users").select(COLUMNS).where("email", "=", email).executeTakeFirst();
  return row && toUser(row);
}

/** For sign-in only: the user and their password hash (null when no password was ever set). */
export async function findCredentials(
  db: Kysely<DB>,
  email: string,
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const row = await db
    .selectFrom("users")
    .select([...COLUMNS, "password_hash"])
    .where("email", "=", email)
    .executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export interface NewUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  centre: string | null;
  studentId: string | null;
  passwordHash: string | null;
  active?: boolean;
}

export async function insertUser(db: Kysely<DB>, user: NewUser, at: Date): Promise<User> {
  const row = await db
    .insertInto("users")
    .values({
      id: user.id,
      email: user.email,
      display_name: user.displayName,
      role: user.role,
      centre_code: user.centre,
      student_id: user.studentId,
      password_hash: user.passwordHash,
      active: user.active ?? true,
      created_at: at,
      updated_at: at,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export interface UserChanges {
  displayName?: string;
  role?: Role;
  centre?: string | null;
  studentId?: string | null;
  active?: boolean;
}

export async function updateUser(
  db: Kysely<DB>,
  id: string,
  changes: UserChanges,
  at: Date,
): Promise<User | undefined> {
  const row = await db
    .updateTable("users")
    .set({
      ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.centre !== undefined ? { centre_code: changes.centre } : {}),
      ...(changes.studentId !== undefined ? { student_id: changes.studentId } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
      updated_at: at,
    })
    .where("id", "=", id)
    .returning(COLUMNS)
    .executeTakeFirst();
  return row && toUser(row);
}

export interface UserQuery {
  role?: Role;
  centre?: string;
  /** Users whose e-mail sorts after this one (pages follow the e-mail order). */
  after?: string;
  limit: number;
}

export async function listUsers(db: Kysely<DB>, query: UserQuery): Promise<User[]> {
  let q = db.selectFrom("users").select(COLUMNS).orderBy("email").limit(query.limit);
  if (query.role !== undefined) q = q.where("role", "=", query.role);
  if (query.centre !== undefined) q = q.where("centre_code", "=", query.centre);
  if (query.after !== undefined) q = q.where("email", ">", query.after);
  return (await q.execute()).map(toUser);
}

export async function countActiveAdmins(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("active", "=", true)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function centreExists(db: Kysely<DB>, code: string): Promise<boolean> {
  const row = await db.selectFrom("centres").select("code").where("code", "=", code).executeTakeFirst();
  return row !== undefined;
}

/** The actor a signed-in user acts as (src/policies). */
export function actorOf(user: User): Extract<Actor, { kind: "user" }> {
  return { kind: "user", userId: user.id, role: user.role, centre: user.centre, studentId: user.studentId };
}

// Any constant shared by every Mobilitas process: serialises changes that must keep at least one
// active administrator (setup, deactivation, demotion) across connections and processes.
const ADMINS_LOCK_KEY = 7_316_200_002;

/** Inside a transaction: waits for other transactions changing who the administrators are. */
export async function lockAdmins(tx: Kysely<DB>): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${sql.lit(ADMINS_LOCK_KEY)})`.execute(tx);
}
