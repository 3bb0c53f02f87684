import type { Readable } from "node:stream";
import type { Kysely } from "kysely";
import {
  findDocument,
  listDocuments as readDocuments,
  type StoredDocument,
} from "../db/repositories/documents.ts";
import type { DB } from "../db/schema.ts";
import type { FileStore } from "../files/file-store.ts";
import { authorize } from "../policies/authorize.ts";
import { type Actor, can, scopeOf } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

/** Documents of the call within the actor's scope (a student: their own; staff: their centre's). */
export async function listDocuments(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  studentId?: string;
  status?: StoredDocument["status"];
}): Promise<StoredDocument[]> {
  const { db, actor, callId } = options;
  authorize(actor, "document:read");
  const scope = scopeOf(actor, "document:read");
  if (scope.kind === "none") return [];
  if (scope.kind === "student" && options.studentId !== undefined && options.studentId !== scope.studentId)
    return [];
  return readDocuments(db, callId, {
    ...(options.studentId !== undefined ? { studentId: options.studentId } : {}),
    ...(options.status !== undefined ? { status: options.status } : {}),
    ...(scope.kind === "centre" ? { centre: scope.centre } : {}),
    ...(scope.kind === "student" ? { studentId: scope.studentId } : {}),
  });
}

/** One document; another student's or centre's reads as absent (404). */
export async function getDocument(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  documentId: string;
}): Promise<StoredDocument> {
  const { db, actor, callId, documentId } = options;
  authorize(actor, "document:read");
  const doc = await findDocument(db, callId, documentId);
  if (doc === undefined || !can(actor, "document:read", { centre: doc.centre, studentId: doc.studentId }))
    throw notFound(`document ${documentId}`);
  return doc;
}

/** The document's file as a stream, with its type (from the content, at upload) and size. */
export async function openDocumentFile(options: {
  db: Kysely<DB>;
  files: FileStore;
  actor: Actor;
  callId: string;
  documentId: string;
}): Promise<{ stream: Readable; mediaType: string; size: number; sha256: string }> {
  const doc = await getDocument(options);
  if (doc.file === null) throw notFound(`file of document ${doc.id}`);
  const stream = await options.files.open(doc.file.sha256);
  if (stream === undefined) throw notFound(`file of document ${doc.id}`);
  return { stream, mediaType: doc.file.mediaType, size: doc.file.size, sha256: doc.file.sha256 };
}
