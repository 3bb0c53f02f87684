// Students' academic records of a call (Secretaría's figures): scoped reads (the office all, a
// coordinator their centre's, a student their own; out of scope reads as absent, 404) and the
// spreadsheet import, idempotent and refused whole with every bad row named.
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  csvImportBody,
  importReportSchema,
  limit,
  offset,
  pageOf,
  pathId,
  text,
} from "../../schemas/common.ts";
import { getStudent } from "../../use-cases/get-student.ts";
import { importStudents } from "../../use-cases/import-students.ts";
import { listStudents } from "../../use-cases/list-students.ts";
import type { AppDeps } from "../deps.ts";
import { errorBodySchema, errorResponses } from "../errors.ts";
import { presentStudent, studentSchema } from "../presenters/student.ts";
import { acceptCsv, csvText } from "./csv-body.ts";

const refusals = { 401: errorBodySchema, 403: errorBodySchema, ...errorResponses } as const;
const callParams = z.object({ callId: pathId });

export const studentRoutes =
  ({ database, clock }: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const db = database.db;
    acceptCsv(app);

    app.get(
      "/calls/:callId/students",
      {
        config: { policy: "student:read" },
        schema: {
          summary: "The academic records you may read, filtered and searched within that scope",
          tags: ["students"],
          params: callParams,
          querystring: z.strictObject({
            centre: pathId.optional(),
            q: text(100).optional().describe("part of the id or the name"),
            limit,
            offset,
          }),
          response: { 200: pageOf(studentSchema), 404: errorBodySchema, ...refusals },
        },
      },
      async (request) => {
        const page = await listStudents({
          db,
          actor: request.actor,
          callId: request.params.callId,
          query: request.query,
        });
        return { items: page.items.map(presentStudent), total: page.total };
      },
    );

    app.get(
      "/calls/:callId/students/:studentId",
      {
        config: { policy: "student:read" },
        schema: {
          summary: "One academic record (out of your scope it reads as absent: 404)",
          tags: ["students"],
          params: z.object({ callId: pathId, studentId: pathId }),
          response: { 200: studentSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) => presentStudent(await getStudent({ db, actor: request.actor, ...request.params })),
    );

    app.post(
      "/calls/:callId/students/import",
      {
        config: { policy: "student:manage" },
        schema: {
          summary: "Import Secretaría's academic records (CSV), upserting by student id",
          description:
            "Columns: id, name?, email?, centre, degree?, cycle, yearOfStudy, averageGrade, creditsPassed, " +
            "degreeCredits, firstYearCreditsPct, nationality, residencePermit, enrolled, hasDebts, " +
            "inOtherMobilityProgramme, previousErasmusMonths, gender?, disability?, disadvantaged?. " +
            "Any bad row refuses the whole file (400, every bad row named as csv/<row>/<column>); " +
            "the same file twice changes nothing; no record is deleted.",
          tags: ["students"],
          consumes: ["text/csv", "application/json"],
          params: callParams,
          body: csvImportBody,
          response: { 200: importReportSchema, 404: errorBodySchema, ...refusals },
        },
      },
      async (request) =>
        importStudents({
          db,
          clock,
          actor: request.actor,
          callId: request.params.callId,
          csv: csvText(request.body),
        }),
    );
  };
