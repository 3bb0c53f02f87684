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
