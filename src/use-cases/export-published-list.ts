import type { Kysely } from "kysely";
import { findPublication, findRun, listPublications } from "../db/repositories/award-runs.ts";
import { findCall } from "../db/repositories/calls.ts";
import { findCentre } from "../db/repositories/centres.ts";
import type { DB } from "../db/schema.ts";
import { callForCentre } from "../domain/centre-rules.ts";
import { renderListCsv } from "../lists-export/csv.ts";
import { type ExportLanguage, fileBaseName, type ListExportData } from "../lists-export/model.ts";
import { renderListPdf } from "../lists-export/pdf.ts";
import { renderListXlsx } from "../lists-export/xlsx.ts";
import { authorize } from "../policies/authorize.ts";
import type { Actor } from "../policies/policies.ts";
import { notFound } from "./office-errors.ts";

export const EXPORT_FORMATS = ["pdf", "csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const MEDIA_TYPES: Record<ExportFormat, string> = {
  pdf: "application/pdf",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface ExportedList {
  fileName: string;
  mediaType: string;
  bytes: Buffer;
}

/**
 * A published list as a file: public and pseudonymised like the list itself (SPEC 12.8), with the
 * scoring settings it was scored with (the run's input: the call's, with the centre's own on top).
 */
export async function exportPublishedList(options: {
  db: Kysely<DB>;
  actor: Actor;
  callId: string;
  listId: string;
  format: ExportFormat;
  lang?: "es" | "en" | undefined;
}): Promise<ExportedList> {
  const { db, actor, callId, listId, format } = options;
  authorize(actor, "list:read");
  const publication = await findPublication(db, callId, listId);
  if (publication === undefined) throw notFound(`list ${listId}`);
  const [call, centre, run, chain] = await Promise.all([
    findCall(db, callId),
    findCentre(db, publication.centre),
    findRun(db, callId, publication.runId),
    listPublications(db, callId, { centre: publication.centre, kind: publication.kind }),
  ]);
  if (call === undefined || run === undefined) throw notFound(`list ${listId}`);
  const next = chain.find((p) => p.supersedesId === publication.id);
  const settings = callForCentre(run.input.dataset.call, run.input.centreRules[publication.centre]);
  const data: ListExportData = {
    listId: publication.id,
    callId,
    academicYear: call.call.academicYear,
    round: call.round,
    centre: centre ?? { code: publication.centre, name: publication.centre, nameEn: null },
    kind: publication.kind,
    publishedAt: publication.publishedAt,
    reason: publication.reason,
    supersedesId: publication.supersedesId,
    supersededBy: next === undefined ? null : { id: next.id, publishedAt: next.publishedAt },
    scoring: settings.scoring,
    entries: publication.entries,
  };
  const lang: ExportLanguage = options.lang ?? "both";
  const name = `${fileBaseName(data)}${lang === "both" ? "" : `_${lang}`}.${format}`;
  const bytes =
    format === "pdf"
      ? Buffer.from(await renderListPdf(data, lang))
      : format === "csv"
        ? Buffer.from(renderListCsv(data, lang), "utf8")
        : await renderListXlsx(data, lang);
  return { fileName: name, mediaType: MEDIA_TYPES[format], bytes };
}
