// Where every route is registered, under /api. A route file exports a plugin (given the app's
// dependencies when it needs them); it parses with its schemas, checks the policy, calls one use
// case and presents the result (STYLE habit 3).
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppDeps } from "../deps.ts";
import { agreementRoutes } from "./agreements.ts";
import { applicationRoutes } from "./applications.ts";
import { auditRoutes } from "./audit.ts";
import { authRoutes } from "./auth.ts";
import { callRoutes } from "./calls.ts";
import { centreRoutes } from "./centres.ts";
import { claimRoutes } from "./claims.ts";
import { dashboardRoutes } from "./dashboard.ts";
import { documentRoutes } from "./documents.ts";
import { healthRoutes } from "./health.ts";
import { languageCertificateRoutes } from "./language-certificates.ts";
import { listExportRoutes } from "./list-exports.ts";
import { listRoutes } from "./lists.ts";
import { offerRoutes } from "./offers.ts";
import { openapiRoutes } from "./openapi.ts";
import { outcomeRoutes } from "./outcomes.ts";
import { setupRoutes } from "./setup.ts";
import { statisticsRoutes } from "./statistics.ts";
import { studentRoutes } from "./students.ts";
import { userRoutes } from "./users.ts";

export const apiRoutes =
  (deps: AppDeps): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(healthRoutes(deps));
    await app.register(openapiRoutes);
    await app.register(authRoutes(deps));
    await app.register(setupRoutes(deps));
    await app.register(userRoutes(deps));
    await app.register(auditRoutes(deps));
    // The data an office loads for a call (docs/decisions/0004-office-data.md).
    await app.register(callRoutes(deps));
    await app.register(centreRoutes(deps));
    await app.register(agreementRoutes(deps));
    await app.register(studentRoutes(deps));
    await app.register(outcomeRoutes(deps));
    // The call as it happens: applications, documents, runs and lists (docs/decisions/0005).
    await app.register(applicationRoutes(deps));
    await app.register(documentRoutes(deps));
    await app.register(languageCertificateRoutes);
    await app.register(listRoutes(deps));
    await app.register(dashboardRoutes(deps));
    // Claims, renunciation, acceptance and rounds (docs/decisions/0008).
    await app.register(claimRoutes(deps));
    await app.register(offerRoutes(deps));
    // Lists as files, and statistics (docs/decisions/0012).
    await app.register(listExportRoutes(deps));
    await app.register(statisticsRoutes(deps));
  };
