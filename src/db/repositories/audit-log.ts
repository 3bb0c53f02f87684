// The append-only audit log (STYLE habit 11): every state change, who, when, what, from → to.
// Written inside the use case's transaction, so a change and its record commit or fail together.

import { type Kysely, type QueryCreator, type RawBuilder, sql } from "kysely";
import type { Actor } from "../../policies/policies.ts";
import type { DB } from "../schema.ts";

/** Who acted: a person, the command line, a scheduled job, or the first-administrator setup. */
export type AuditActor = Actor | { kind: "cli" } | { kind: "system" } | { kind: "setup" };

export interface AuditEntry {
  actor: AuditActor;
  /** A verb in the past on a thing, e.g. "agreement.updated", "call.imported", "session.created". */
  action: string;
  entityType: string;
  entityId: string;
  callId?: string | null;
  centre?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: { userId: string | null; role: string | null; label: string };
  action: string;
  entityType: string;
  entityId: string;
  callId: string | null;
  centre: string | null;
  before: unknown;
  after: unknown;
}

function actorColumns(actor: AuditActor, label: string | undefined) {
  if (actor.kind === "user") {
    return {
      actor_user_id: actor.userId,
      actor_role: actor.role,
      actor_label: label ?? `user:${actor.userId}`,
    };
  }
  return { actor_user_id: null, actor_role: null, actor_label: actor.kind };
}

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function recordAudit(
  db: Kysely<DB>,
  at: Date,
  entry: AuditEntry,
  actorLabel?: string,
): Promise<void> {
  await auditInsert(at, [entry], actorLabel).execute(db);
}

/**
 * Several audit records in one statement (a group commit's), numbered in the order given. They go
 * as one JSON document, not as eleven parameters each: building and sending hundreds of parameters
 * cost more than the insert itself.
 */
export async function recordAudits(db: Kysely<DB>, at: Date, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length > 0) await auditInsert(at, entries).execute(db);
}

/**
 * The INSERT of `recordAudits`, to run alone or as the main statement after a data-modifying CTE
 * (the change and its records in one round trip).
 */
export function auditInsert(
  at: Date,
  entries: readonly AuditEntry[],
  actorLabel?: string,
): RawBuilder<unknown> {
  const rows = entries.map((entry) => ({
    ...actorColumns(entry.actor, actorLabel),
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    call_id: entry.callId ?? null,
    centre_code: entry.centre ?? null,
    before: entry.before ?? null,
    after: entry.after ?? null,
  }));
  return sql`INSERT INTO audit_log (at, actor_user_id, actor_role, actor_label, action, entity_type,
      entity_id, call_id, centre_code, before, after)
    SELECT ${at}::timestamptz, r.actor_user_id, r.actor_role, r.actor_label, r.action, r.entity_type,
      r.entity_id, r.call_id, r.centre_code, r.before, r.after
    FROM ROWS FROM (jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS (actor_user_id text,
      actor_role text, actor_label text, action text, entity_type text, entity_id text, call_id text,
      centre_code text, before jsonb, after jsonb)) WITH ORDINALITY AS r(actor_user_id, actor_role,
      actor_label, action, entity_type, entity_id, call_id, centre_code, before, after, n)
    ORDER BY r.n`;
}

/**
 * A change and its audit record in one statement (one round trip): `change` is a data-modifying
 * query with RETURNING; the record is written once if it returned a row, not at all otherwise.
 * Returns whether it did. For hot paths (an edit); `recordAudit` otherwise.
 */
export async function changeWithAudit(
  db: Kysely<DB>,
  // biome-ignore lint/suspicious/noExplicitAny: any data-modifying query with RETURNING
  change: (creator: QueryCreator<DB>) => any,
  at: Date,
  entry: AuditEntry,
  actorLabel?: string,
): Promise<boolean> {
  const who = actorColumns(entry.actor, actorLabel);
  const result = await db
    .with("changed", change)
    .insertInto("audit_log")
    .columns([
      "at",
      "actor_user_id",
      "actor_role",
      "actor_label",
      "action",
      "entity_type",
      "entity_id",
      "call_id",
      "centre_code",
      "before",
      "after",
    ])
    .expression((eb) =>
      eb
        .selectFrom(sql`(SELECT 1 FROM changed LIMIT 1)`.as("c"))
        .select([
          sql<Date>`${at}::timestamptz`.as("at"),
          sql<string | null>`${who.actor_user_id}::text`.as("actor_user_id"),
          sql<string | null>`${who.actor_role}::text`.as("actor_role"),
          sql<string>`${who.actor_label}::text`.as("actor_label"),
          sql<string>`${entry.action}::text`.as("action"),
          sql<string>`${entry.entityType}::text`.as("entity_type"),
          sql<string>`${entry.entityId}::text`.as("entity_id"),
          sql<string | null>`${entry.callId ?? null}::text`.as("call_id"),
          sql<string | null>`${entry.centre ?? null}::text`.as("centre_code"),
          sql<string | null>`${json(entry.before)}::jsonb`.as("before"),
          sql<string | null>`${json(entry.after)}::jsonb`.as("after"),
        ]),
    )
    .returning("id")
    .execute();
  return result.length > 0;
}

export interface AuditQuery {
  callId?: string;
  entityType?: string;
  entityId?: string;
  /** Only records of this centre (a coordinator's view), when given. */
  centre?: string;
  /** Records with an id below this one (pages go back in time). */
  before?: number;
  limit: number;
}

export async function listAudit(db: Kysely<DB>, query: AuditQuery): Promise<AuditRecord[]> {
  let q = db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(query.limit);
  if (query.callId !== undefined) q = q.where("call_id", "=", query.callId);
  if (query.entityType !== undefined) q = q.where("entity_type", "=", query.entityType);
  if (query.entityId !== undefined) q = q.where("entity_id", "=", query.entityId);
  if (query.centre !== undefined) q = q.where("centre_code", "=", query.centre);
  if (query.before !== undefined) q = q.where("id", "<", query.before);
  const rows = await q.execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    actor: { userId: row.actor_user_id, role: row.actor_role, label: row.actor_label },
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    callId: row.call_id,
    centre: row.centre_code,
    before: row.before,
    after: row.after,
  }));
}
