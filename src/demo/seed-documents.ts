// Certificates handed in for the demo call, so a coordinator who opens the demo finds work waiting:
// half the applicants of the centres with a demo coordinator (a quarter elsewhere) have a language or activity certificate under
// review, a few already verified or rejected with a reason. The files are real PDFs and PNGs made
// here, stored and reviewed through the same use cases as an upload over HTTP (audited, hashed).
// They were handed in before the documents deadline, whatever the demo's clock says: the seed runs
// on a clock of its own (`handedInAt`).

import { Readable } from "node:stream";
import { crc32, deflateSync } from "node:zlib";
import type { Kysely } from "kysely";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { type Clock, TestClock } from "../clock.ts";
import type { DB } from "../db/schema.ts";
import type { FileStore } from "../files/file-store.ts";
import type { Actor } from "../policies/policies.ts";
import { reviewDocument } from "../use-cases/review-document.ts";
import { MAX_DOCUMENT_BYTES, uploadDocument } from "../use-cases/upload-document.ts";
import type { DemoUniversity } from "./university.ts";

/** When the demo's documents were handed in: the week before the demo's "now" (2 May 2018). */
const HANDED_IN_FROM = Date.parse("2018-04-24T09:00:00+02:00");
const HANDED_IN_HOURS = 24 * 7;

/** The centres with a coordinator account in the demo (src/demo/seed-demo.ts). */
const COORDINATED = new Set(["ETSII", "ETSIT"]);

/** What the demo's students hand in, in turn. */
const KINDS: Omit<DemoDocument, "studentId" | "review">[] = [
  {
    fields: {
      kind: "language-certificate",
      certificate: "en-cambridge-general",
      language: "en",
      level: "B2",
    },
    title: "Cambridge English: First (FCE) — B2",
    format: "pdf",
  },
  {
    fields: { kind: "language-certificate", certificate: "de-goethe", language: "de", level: "B1" },
    title: "Goethe-Zertifikat B1",
    format: "png",
  },
  {
    fields: { kind: "language-certificate", certificate: "en-ielts", language: "en", result: "6.5" },
    title: "IELTS Academic — Overall band score 6.5",
    format: "pdf",
  },
  {
    fields: { kind: "activity", activityKind: "international-event" },
    title: "International Week — certificate of participation",
    format: "pdf",
  },
];

interface DemoDocument {
  studentId: string;
  fields: Record<string, string>;
  title: string;
  format: "pdf" | "png";
  review?: { decision: "verified" } | { decision: "rejected"; reason: string };
}

/** A deterministic choice of who handed what in (the same demo on every machine). */
export function demoDocuments(demo: DemoUniversity): DemoDocument[] {
  const applicants = new Set(demo.dataset.applications.map((a) => a.studentId));
  const documents: DemoDocument[] = [];
  const seen: Record<string, number> = {};
  let n = 0;
  for (const student of demo.dataset.students) {
    if (!applicants.has(student.id)) continue;
    // Every other applicant at the two centres with a demo coordinator, every fourth elsewhere.
    seen[student.centre] = (seen[student.centre] ?? 0) + 1;
    if (seen[student.centre]! % (COORDINATED.has(student.centre) ? 2 : 4) !== 0) continue;
    n += 1;
    const kind = n % KINDS.length;
    const review =
      n % 7 === 0
        ? ({ decision: "verified" } as const)
        : n % 11 === 0
          ? ({
              decision: "rejected",
              reason: "Certificado ilegible: falta la página con la calificación.",
            } as const)
          : undefined;
    documents.push({ studentId: student.id, ...KINDS[kind]!, ...(review ? { review } : {}) });
  }
  return documents;
}

async function certificatePdf(title: string, studentId: string): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setCreationDate(new Date(HANDED_IN_FROM));
  pdf.setModificationDate(new Date(HANDED_IN_FROM));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([595, 842]);
  page.drawText("DEMO", { x: 48, y: 780, size: 28, font });
  page.drawText(title, { x: 48, y: 720, size: 16, font });
  page.drawText(`Candidate: ${studentId}`, { x: 48, y: 690, size: 12, font });
  page.drawText("Mobilitas demo document: not a real certificate.", { x: 48, y: 660, size: 10, font });
  return Buffer.from(await pdf.save({ useObjectStreams: false }));
}

/** A small valid PNG (a grey square), unique per student so each file has its own hash. */
function certificatePng(studentId: string): Buffer {
  const width = 64;
  const height = 64;
  const shade = 128 + (Number.parseInt(studentId.replace(/\D/g, ""), 10) % 100);
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    raw.fill(shade, y * (width + 1) + 1, (y + 1) * (width + 1));
  }
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/**
 * Hands in and reviews the demo's documents; a student who already has a document is skipped, so an
 * interrupted start resumes where it stopped.
 */
export async function seedDemoDocuments(options: {
  db: Kysely<DB>;
  files: FileStore;
  actor: Actor;
  demo: DemoUniversity;
}): Promise<number> {
  const { db, files, actor, demo } = options;
  const callId = demo.dataset.call.id;
  const done = new Set(
    (await db.selectFrom("documents").select("student_id").where("call_id", "=", callId).execute()).map(
      (row) => row.student_id,
    ),
  );
  const documents = demoDocuments(demo);
  let stored = 0;
  for (const [index, document] of documents.entries()) {
    if (done.has(document.studentId)) continue;
    const at = HANDED_IN_FROM + Math.floor((index / documents.length) * HANDED_IN_HOURS) * 3600_000;
    const clock: Clock = new TestClock(new Date(at));
    const bytes =
      document.format === "pdf"
        ? await certificatePdf(document.title, document.studentId)
        : certificatePng(document.studentId);
    const staged = await files.stage(Readable.from([bytes]), MAX_DOCUMENT_BYTES);
    const uploaded = await uploadDocument({
      db,
      clock,
      actor,
      callId,
      studentId: document.studentId,
      fields: document.fields,
      file: {
        staged,
        fileName: `certificate-${document.studentId}.${document.format}`,
        mediaType: document.format === "pdf" ? "application/pdf" : "image/png",
      },
    });
    if (document.review !== undefined) {
      const reviewClock: Clock = new TestClock(new Date(at + 20 * 3600_000));
      await reviewDocument({
        db,
        clock: reviewClock,
        actor,
        callId,
        documentId: uploaded.id,
        review: document.review,
      });
    }
    stored += 1;
  }
  return stored;
}
