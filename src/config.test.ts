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
      smtpUrl: undefined,
      mailFrom: "Mobilitas <no-reply@mobilitas.invalid>",
    });
  });

  it("reads the SMTP settings and refuses what is not an SMTP URL, without echoing it", () => {
    const config = loadConfig({
      SMTP_URL: "smtp://u:secret@127.0.0.1:2525",
      MAIL_FROM: "RR.II. <rrii@upct.es>",
    });
    expect(config).toMatchObject({
      smtpUrl: "smtp://u:secret@127.0.0.1:2525",
      mailFrom: "RR.II. <rrii@upct.es>",
    });
    expect(loadConfig({ SMTP_URL: "smtps://mail.example.org" }).smtpUrl).toBe("smtps://mail.example.org");
    try {
      loadConfig({ SMTP_URL: "http://u:secret@mail", MAIL_FROM: "nobody" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const issues = (error as ConfigError).issues.map((i) => i.variable).sort();
      expect(issues).toEqual(["MAIL_FROM", "SMTP_URL"]);
      expect((error as ConfigError).message).not.toContain("secret");
    }
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

  it("reads the first administrator, both variables or neither, never echoing the password", () => {
    expect(loadConfig({ ADMIN_EMAIL: " Admin@UPCT.es ", ADMIN_PASSWORD: "twelve chars!" }).admin).toEqual({
      email: "admin@upct.es",
      password: "twelve chars!",
    });
    expect(() => loadConfig({ ADMIN_EMAIL: "admin@upct.es" })).toThrow(/ADMIN_PASSWORD: .* go together/);
    expect(() => loadConfig({ ADMIN_PASSWORD: "long enough password" })).toThrow(/ADMIN_EMAIL: /);
    expect(() => loadConfig({ ADMIN_EMAIL: "admin", ADMIN_PASSWORD: "long enough password" })).toThrow(
      /ADMIN_EMAIL: must be an e-mail address/,
    );
    let error: unknown;
    try {
      loadConfig({ ADMIN_EMAIL: "admin@upct.es", ADMIN_PASSWORD: "short!pw" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/ADMIN_PASSWORD: must be at least 12 characters/);
    expect((error as ConfigError).message).not.toContain("short!pw");
  });

  it.each(["-1", "65536", "80abc", " 80"])("refuses PORT=%j", (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT: must be a whole number/);
  });
});
