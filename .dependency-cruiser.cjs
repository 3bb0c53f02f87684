/** The architecture, held by tooling (STYLE.md habit 14). */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment:
        "src/domain holds the rules: it imports nothing outside itself (no node:, no packages, no db/http).",
      severity: "error",
      // Unit tests sit beside their module (STYLE.md) and may import the test runner and fixtures.
      from: { path: "^src/domain/", pathNot: "\\.test\\.ts$" },
      to: { pathNot: "^src/domain/" },
    },
    {
      name: "web-imports-only-shared-schemas",
      comment:
        "The web takes from src/ only the shared response schemas (src/schemas/responses), the import " +
        "report schema and the CEFR levels, for `z.infer` types (docs/decisions/0006-web.md).",
      severity: "error",
      from: { path: "^web/" },
      to: {
        path: "^src/",
        pathNot: "^src/schemas/responses/[^/]+\\.ts$|^src/schemas/common\\.ts$|^src/domain/dataset\\.ts$",
      },
    },
    {
      name: "shared-schemas-are-pure",
      comment:
        "What the web may reach (the response schemas and what they import) stays pure: zod, the other " +
        "schemas, src/domain (pure by its own rule) and the roles' table; no node:, no db, no http.",
      severity: "error",
      from: {
        path: "^src/schemas/responses/|^src/schemas/(calls|common)\\.ts$|^src/policies/policies\\.ts$",
      },
      to: {
        pathNot:
          "^src/schemas/responses/[^/]+\\.ts$|^src/schemas/(calls|common)\\.ts$|^src/domain/|" +
          "^src/policies/policies\\.ts$|node_modules/zod/",
      },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
