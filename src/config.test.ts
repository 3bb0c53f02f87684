import { describe, expect, it } from "vitest";
import { ConfigError, filesDir, loadConfig, pgliteDir } from "./config.ts";

describe("loadConfig", () => {
  it("has defaults for everything", () => {
    expect(loadConfig({}, "/srv/app")).toEqual({
      port: 3000,
      host: "127.0.0.1",
      dataDir: "/srv/app/data",
      databaseUrl: undefined,
      logLevel: "info",
    });
  });

  it("reads the environment, empty meaning unset", () => {
    const config = loadConfig(
      { PORT: "0", HOST: "0.0.0.0", DATA_DIR: "/var/lib/mobilitas", DATABASE_URL: "", LOG_LEVEL: "warn" },
      "/srv/app",
    );
    expect(config).toMatchObject({
      port: 0,
      host: "0.0.0.0",
      dataDir: "/var/lib/mobilitas",
      databaseUrl: undefined,
    });
    expect(pgliteDir(config)).toBe("/var/lib/mobilitas/db");
    expect(filesDir(config)).toBe("/var/lib/mobilitas/files");
    expect(loadConfig({ DATABASE_URL: "postgresql://u:p@db:5432/m" }).databaseUrl).toBe(
      "postgresql://u:p@db:5432/m",
    );
  });

  it("names every bad variable at once, without echoing a secret", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "3000.5", DATABASE_URL: "mysql://user:s3cret@db/m" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable)).toEqual(["PORT", "DATABASE_URL"]);
    expect((error as ConfigError).message).not.toContain("s3cret");
  });

  it.each(["-1", "65536", "80abc", " 80"])("refuses PORT=%j", (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT: must be a whole number/);
  });
});
