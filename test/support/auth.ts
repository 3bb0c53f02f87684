// Signing in from tests, for anyone's route tests (docs/decisions/0003-security.md):
//
//   const office = await createUser(database, { role: "office" });
//   const session = await signIn(base, office);          // base = "http://127.0.0.1:PORT", or the app
//   const api = client(base, session);                   // sends the cookie and X-CSRF-Token
//   const response = await api.post("/api/calls", { id: "2018-19-2" });
//
//   const { api: student } = await signInAs(base, database, { role: "student", centre: "ETSII" });
//   const anonymous = client(base);                      // the public: no cookie
//
// createUser writes the row directly (no audit record, no HTTP); a centre named is created when
// missing. All users share TEST_PASSWORD unless given one, hashed once per process.
import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { hashPassword } from "../../src/auth/passwords.ts";
import type { Database } from "../../src/db/database.ts";
import { insertUser } from "../../src/db/repositories/users.ts";
import type { DB } from "../../src/db/schema.ts";
import type { App } from "../../src/http/app.ts";
import type { Role } from "../../src/policies/policies.ts";
import { settleRoleFields } from "../../src/policies/role-fields.ts";

export const TEST_PASSWORD = "correct horse battery staple";

export interface Credentials {
  userId: string;
  email: string;
  password: string;
  role: Role;
  centre: string | null;
  studentId: string | null;
}

export interface CreateUserOptions {
  role: Role;
  /** Required for coordinators and students; created (named after its code) when missing. */
  centre?: string;
  /** Required for students and incoming students; generated when not given. */
  studentId?: string;
  email?: string;
  displayName?: string;
  password?: string;
  active?: boolean;
}

const hashes = new Map<string, Promise<string>>();
const hashOnce = (password: string): Promise<string> => {
  let hash = hashes.get(password);
  if (hash === undefined) {
    hash = hashPassword(password);
    hashes.set(password, hash);
  }
  return hash;
};

const dbOf = (database: Database | Kysely<DB>): Kysely<DB> => ("db" in database ? database.db : database);

/** A user with a role, stored directly; returns what signing in needs. */
export async function createUser(
  database: Database | Kysely<DB>,
  options: CreateUserOptions,
): Promise<Credentials> {
  const db = dbOf(database);
  const suffix = randomBytes(4).toString("hex");
  const needsStudentId = options.role === "student" || options.role === "incoming";
  const { fields, issues } = settleRoleFields({
    role: options.role,
    centre: options.centre ?? null,
    studentId: options.studentId ?? (needsStudentId ? `S-${suffix}` : null),
  });
  if (issues.length > 0) throw new Error(`createUser: ${issues.map((i) => i.message).join("; ")}`);
  if (fields.centre !== null) {
    await db
      .insertInto("centres")
      .values({ code: fields.centre, name: fields.centre })
      .onConflict((oc) => oc.column("code").doNothing())
      .execute();
  }
  const password = options.password ?? TEST_PASSWORD;
  const email = (options.email ?? `${options.role}-${suffix}@test.upct.es`).toLowerCase();
  const user = await insertUser(
    db,
    {
      id: randomUUID(),
      email,
      displayName: options.displayName ?? `${options.role} ${suffix}`,
      ...fields,
      passwordHash: await hashOnce(password),
      active: options.active ?? true,
    },
    new Date(),
  );
  return { userId: user.id, email, password, ...fields };
}

export interface TestSession {
  /** The Cookie header value, `mobilitas_session=…`. */
  cookie: string;
  csrfToken: string;
  /** The user as the sign-in answer presented it. */
  user: { id: string; email: string; role: Role; centre: string | null; studentId: string | null };
}

/** Signs in over HTTP (a base URL) or with app.inject (an app); throws unless it succeeds. */
export async function signIn(
  target: string | App,
  credentials: Pick<Credentials, "email" | "password">,
): Promise<TestSession> {
  const payload = { email: credentials.email, password: credentials.password };
  let status: number;
  let text: string;
  let setCookie: string[];
  if (typeof target === "string") {
    const response = await fetch(`${target}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    status = response.status;
    text = await response.text();
    setCookie = response.headers.getSetCookie();
  } else {
    const response = await target.inject({ method: "POST", url: "/api/auth/sign-in", payload });
    status = response.statusCode;
    text = response.body;
    const header = response.headers["set-cookie"];
    setCookie = header === undefined ? [] : Array.isArray(header) ? header : [header];
  }
  if (status !== 200) throw new Error(`signIn ${credentials.email}: ${status} ${text}`);
  const cookie = setCookie.map((c) => c.split(";")[0]!).find((c) => c.startsWith("mobilitas_session="));
  if (cookie === undefined) throw new Error(`signIn ${credentials.email}: no session cookie`);
  const body = JSON.parse(text) as { user: TestSession["user"]; csrfToken: string };
  return { cookie, csrfToken: body.csrfToken, user: body.user };
}

export interface Client {
  /** Any request; a non-string body is sent as JSON. */
  fetch(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<Response>;
  get(path: string): Promise<Response>;
  post(path: string, body?: unknown): Promise<Response>;
  put(path: string, body?: unknown): Promise<Response>;
  patch(path: string, body?: unknown): Promise<Response>;
  delete(path: string): Promise<Response>;
}

/** fetch against `baseUrl` as the session's user (cookie + X-CSRF-Token), or as the public. */
export function client(baseUrl: string, session?: TestSession | null): Client {
  const send: Client["fetch"] = (path, init = {}) => {
    const headers: Record<string, string> = {};
    if (session) {
      headers.cookie = session.cookie;
      headers["x-csrf-token"] = session.csrfToken;
    }
    let body: string | undefined;
    if (init.body !== undefined) {
      body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
      headers["content-type"] = "application/json";
    }
    return fetch(`${baseUrl}${path}`, {
      method: init.method ?? "GET",
      headers: { ...headers, ...init.headers },
      ...(body !== undefined ? { body } : {}),
    });
  };
  return {
    fetch: send,
    get: (path) => send(path),
    post: (path, body) => send(path, { method: "POST", body }),
    put: (path, body) => send(path, { method: "PUT", body }),
    patch: (path, body) => send(path, { method: "PATCH", body }),
    delete: (path) => send(path, { method: "DELETE" }),
  };
}

/** createUser + signIn + client, for the common case. */
export async function signInAs(
  baseUrl: string,
  database: Database | Kysely<DB>,
  options: CreateUserOptions,
): Promise<{ credentials: Credentials; session: TestSession; api: Client }> {
  const credentials = await createUser(database, options);
  const session = await signIn(baseUrl, credentials);
  return { credentials, session, api: client(baseUrl, session) };
}
