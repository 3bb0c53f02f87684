import path from "node:path";
import { z } from "zod";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "./auth/passwords.ts";

/** Settings from the environment (issue 3, item 1). Unset or empty variables take their default. */
export interface Config {
  port: number;
  host: string;
  /** Absolute. PGlite keeps its files under `<dataDir>/db`, uploads go to `<dataDir>/files`. */
  dataDir: string;
  /** When set, PostgreSQL is used instead of the embedded PGlite. */
  databaseUrl: string | undefined;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /**
   * ADMIN_EMAIL and ADMIN_PASSWORD: the first administrator, created at start when no active
   * administrator exists (src/use-cases/bootstrap-admin.ts). Unset: a one-time setup token instead.
   */
  admin: { email: string; password: string } | undefined;
  /**
   * SMTP_URL: where the outbox's e-mails go (smtp:// or smtps://, credentials in the URL). Unset: the
   * messages wait in the outbox and a warning says so at start (src/mail/sender.ts).
   */
  smtpUrl: string | undefined;
  /** MAIL_FROM: the sender of those e-mails. */
  mailFrom: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const emptyIsUnset = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  PORT: z.preprocess(
    emptyIsUnset,
    z
      .string()
      .regex(/^\d{1,5}$/, "must be a whole number between 0 and 65535")
      .transform(Number)
      .refine((n) => n <= 65535, "must be a whole number between 0 and 65535")
      .default(3000),
  ),
  HOST: z.preprocess(emptyIsUnset, z.string().trim().min(1).default("127.0.0.1")),
  DATA_DIR: z.preprocess(emptyIsUnset, z.string().default("./data")),
  DATABASE_URL: z.preprocess(
    emptyIsUnset,
    z
      .string()
      .refine(
        isPostgresUrl,
        "must be a postgres:// or postgresql:// URL, e.g. postgres://user:pass@host:5432/db",
      )
      .optional(),
  ),
  LOG_LEVEL: z.preprocess(
    emptyIsUnset,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
  ADMIN_EMAIL: z.preprocess(
    emptyIsUnset,
    z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[^\s@]+@[^\s@]+$/, "must be an e-mail address")
      .optional(),
  ),
  // Never echoed: the messages below do not include the value.
  ADMIN_PASSWORD: z.preprocess(
    emptyIsUnset,
    z
      .string()
      .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(MAX_PASSWORD_LENGTH, `must be at most ${MAX_PASSWORD_LENGTH} characters`)
      .optional(),
  ),
  SMTP_URL: z.preprocess(
    emptyIsUnset,
    z
      .string()
      .refine(isSmtpUrl, "must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587")
      .optional(),
  ),
  MAIL_FROM: z.preprocess(
    emptyIsUnset,
    z
      .string()
      .trim()
      .regex(/^[^\r\n]*<?[^\s@<>]+@[^\s@<>]+>?$/, "must be an e-mail address, e.g. Mobilitas <rrii@upct.es>")
      .default("Mobilitas <no-reply@mobilitas.invalid>"),
  ),
});

function isSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
  } catch {
    return false;
  }
}

function isPostgresUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "postgres:" || url.protocol === "postgresql:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Reads the settings; throws ConfigError naming every bad variable (never echoing a URL's password). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? "?"),
        message: issue.message,
      })),
    );
  }
  const { PORT, HOST, DATA_DIR, DATABASE_URL, LOG_LEVEL, ADMIN_EMAIL, ADMIN_PASSWORD, SMTP_URL, MAIL_FROM } =
    parsed.data;
  if ((ADMIN_EMAIL === undefined) !== (ADMIN_PASSWORD === undefined)) {
    const missing = ADMIN_EMAIL === undefined ? "ADMIN_EMAIL" : "ADMIN_PASSWORD";
    throw new ConfigError([{ variable: missing, message: "ADMIN_EMAIL and ADMIN_PASSWORD go together" }]);
  }
  return {
    port: PORT,
    host: HOST,
    dataDir: path.resolve(cwd, DATA_DIR),
    databaseUrl: DATABASE_URL,
    logLevel: LOG_LEVEL,
    admin:
      ADMIN_EMAIL !== undefined && ADMIN_PASSWORD !== undefined
        ? { email: ADMIN_EMAIL, password: ADMIN_PASSWORD }
        : undefined,
    smtpUrl: SMTP_URL,
    mailFrom: MAIL_FROM,
  };
}

export const pgliteDir = (config: Pick<Config, "dataDir">): string => path.join(config.dataDir, "db");
export const filesDir = (config: Pick<Config, "dataDir">): string => path.join(config.dataDir, "files");
