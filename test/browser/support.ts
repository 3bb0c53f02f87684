// Browser journeys on the real thing: the built web app (vite build, rebuilt when web/ changed),
// the demo server (`src/cli/demo.ts`, the demo university on a temporary DATA_DIR, port 0), and
// Debian's chromium driven by playwright-core. No browser: the tests fail, saying why.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { type Browser, type BrowserContextOptions, chromium, type Page } from "playwright-core";
import { expect } from "vitest";
import { createProcessDatabase } from "../support/database.ts";
import { finished, repoRoot, startNode } from "../support/processes.ts";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const ARTIFACTS = path.join(repoRoot, "test-artifacts", "browser");
const WEB_BUILD = path.join(repoRoot, "dist", "web", "index.html");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the web app unless dist/web is newer than every file of web/ and vite.config.ts. */
export function ensureWebBuild(): void {
  const sources = Math.max(
    newestMtime(path.join(repoRoot, "web")),
    statSync(path.join(repoRoot, "vite.config.ts")).mtimeMs,
  );
  if (existsSync(WEB_BUILD) && statSync(WEB_BUILD).mtimeMs >= sources) return;
  const vite = path.join(repoRoot, "node_modules", "vite", "bin", "vite.js");
  // NODE_ENV=production: Vitest sets "test", which would bundle React's development build.
  const result = spawnSync(process.execPath, [vite, "build"], {
    cwd: repoRoot,
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) throw new Error(`vite build failed:\n${result.stdout}\n${result.stderr}`);
}

export interface DemoAccount {
  role: string;
  email: string;
  password: string;
  centre?: string;
}

export interface Demo {
  url: string;
  accounts: DemoAccount[];
  account: (email: string) => DemoAccount;
  stop: () => Promise<void>;
}

export interface DemoData {
  /** The child process environment: DATA_DIR, and DATABASE_URL on PostgreSQL (its own database). */
  env: NodeJS.ProcessEnv;
  dispose(): Promise<void>;
}

/**
 * A data folder (and, on PostgreSQL, a database of its own) for demos started one after another on
 * the same data: e.g. the application phase, then a restart at the claims window with `now`.
 */
export async function createDemoData(): Promise<DemoData> {
  const database = await createProcessDatabase();
  return { env: database.env, dispose: () => database.dispose() };
}

export interface DemoOptions {
  /** DEMO_NOW: the instant the demo's clock starts at (default: the demo's own, 2 May 2018). */
  now?: string;
  /** Data kept across demos (createDemoData); without it, fresh data removed when the demo stops. */
  data?: DemoData;
}

/** `npm run demo` on port 0; resolves once it prints its accounts. */
export async function startDemo(options: DemoOptions = {}): Promise<Demo> {
  const data = options.data ?? (await createDemoData());
  const child = startNode("src/cli/demo.ts", [], {
    ...data.env,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "error",
    ...(options.now === undefined ? {} : { DEMO_NOW: options.now }),
  });
  const done = finished(child);
  const stop = async () => {
    child.kill("SIGTERM");
    await done;
    if (options.data === undefined) await data.dispose();
  };
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: string) => {
      out += chunk;
      const url = /server:\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1];
      const complete = /accounts \(role[^\n]*\n((?:\s{4}\S.*\n)+)\n/.exec(out);
      if (url === undefined || complete === null) return;
      const accounts = (complete[1] ?? "")
        .trim()
        .split("\n")
        .map((line) => {
          const [role = "", email = "", password = "", , centre] = line.trim().split(/\s+/);
          return { role, email, password, ...(line.includes(" centre ") ? { centre } : {}) };
        });
      const account = (email: string) => {
        const found = accounts.find((a) => a.email === email);
        if (!found) throw new Error(`no demo account ${email}`);
        return found;
      };
      resolve({ url, accounts, account, stop });
    });
    done.then((result) => reject(new Error(`demo server exited early:\n${result.stderr}`)), reject);
  });
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-crash-reporter",
  "--disable-breakpad",
];

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  }
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  } catch (error) {
    throw new Error(`chromium at ${CHROMIUM} could not be launched: ${(error as Error).message}`);
  }
}

/**
 * The test file's browser: `launch` in beforeAll, `get` in each test — no browser is a failure
 * giving the reason, never a skip — and `close` in afterAll.
 */
export class BrowserSlot {
  #browser: Browser | undefined;
  #failure: unknown;

  async launch(): Promise<void> {
    try {
      this.#browser = await launchBrowser();
    } catch (error) {
      this.#failure = error;
    }
  }

  get(): Browser {
    if (this.#browser === undefined) throw this.#failure ?? new Error("the browser was not launched");
    return this.#browser;
  }

  async close(): Promise<void> {
    await this.#browser?.close();
  }
}

/** Signs in on the sign-in page of the server at `url` and waits until the application leaves it. */
export async function signInThrough(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/sign-in`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.locator("form button[type=submit]").click();
  await page.waitForURL((at) => !at.pathname.startsWith("/sign-in"));
}

/** A page of a fresh context that records console errors and uncaught exceptions. */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ locale: "es-ES", timezoneId: "America/New_York", ...options });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));
  return { page, errors, close: () => context.close() };
}

/**
 * Expected refusals show in the console as failed resources (e.g. the 400 of a refused import);
 * everything else is a bug.
 */
export function unexpected(errors: string[]): string[] {
  return errors.filter(
    (e) => !/Failed to load resource: the server responded with a status of (400|401)/.test(e),
  );
}

/** axe-core (WCAG 2.0/2.1 A and AA): the serious and critical violations, described. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** test-artifacts/browser/<name>.png: the whole page, or only what the screen shows. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage });
}

/** No serious or critical axe-core violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page), `axe on ${page.url()}`).toEqual([]);
}

/** An expression evaluated in the page (a string: the tests are type-checked without the DOM's types). */
export const inPage = <T>(page: Page, expression: string): Promise<T> =>
  page.evaluate(expression) as Promise<T>;
