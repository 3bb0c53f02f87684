import type { Kysely } from "kysely";
import { listUsers as listUserRows, type User } from "../db/repositories/users.ts";
import type { DB } from "../db/schema.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor, Role } from "../policies/policies.ts";

export interface ListUsersOptions {
  db: Kysely<DB>;
  actor: Actor;
  role?: Role | undefined;
  centre?: string | undefined;
  /** The `next` of the previous page. */
  after?: string | undefined;
  limit: number;
}

/** One page of people, in e-mail order; `next` continues it (null on the last page). */
export async function listUsers(options: ListUsersOptions): Promise<{ items: User[]; next: string | null }> {
  const { db, actor, limit } = options;
  authorize(actor, "user:manage");
  const rows = await listUserRows(db, {
    limit: limit + 1,
    ...(options.role !== undefined ? { role: options.role } : {}),
    ...(options.centre !== undefined ? { centre: options.centre } : {}),
    ...(options.after !== undefined ? { after: options.after } : {}),
  });
  const items = rows.slice(0, limit);
  return { items, next: rows.length > limit ? items[items.length - 1]!.email : null };
}
