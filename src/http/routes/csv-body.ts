// Spreadsheet uploads: the file as the body (Content-Type: text/csv, which a cross-site form cannot
// send without a preflight) or as JSON { "csv": "…" }. Within the body limit either way.
import type { FastifyInstance } from "fastify";
import type { CsvImportBody } from "../../schemas/common.ts";

/** Lets the routes of this plugin take text/csv bodies as a string. */
export function acceptCsv(app: FastifyInstance): void {
  app.addContentTypeParser("text/csv", { parseAs: "string" }, (_request, body, done) => done(null, body));
}

export const csvText = (body: CsvImportBody): string => (typeof body === "string" ? body : body.csv);
