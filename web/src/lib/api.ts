// The one way to the server: JSON over fetch, the session cookie sent by the browser, the CSRF
// token kept in memory (never in storage) and sent on every write (docs/decisions/0003-security.md).
// A refusal becomes an ApiError carrying the server's code; the page turns it into words.

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(code);
  }
}

let csrfToken: string | null = null;
let onSessionLost: (() => void) | null = null;

/** Called when the server no longer knows the session (expired, or ended elsewhere). */
export function whenSessionLost(listener: (() => void) | null): void {
  onSessionLost = listener;
}

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For writes fetch cannot make (an upload with progress goes through XMLHttpRequest). */
export function getCsrfToken(): string | null {
  return csrfToken;
}

interface ErrorBody {
  error?: { code?: unknown; issues?: unknown };
}

function isIssue(value: unknown): value is ApiIssue {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiIssue).path === "string" &&
    typeof (value as ApiIssue).message === "string"
  );
}

async function failure(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // not JSON (a proxy's page): the status alone
  }
  const code =
    typeof body.error?.code === "string"
      ? body.error.code
      : response.status >= 500
        ? "INTERNAL"
        : "MALFORMED_REQUEST";
  const issues = Array.isArray(body.error?.issues) ? body.error.issues.filter(isIssue) : [];
  return new ApiError(response.status, code, issues);
}

type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  contentType = "application/json",
): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (method !== "GET" && csrfToken !== null) headers["x-csrf-token"] = csrfToken;
  let payload: string | undefined;
  if (body !== undefined) {
    headers["content-type"] = contentType;
    payload = typeof body === "string" && contentType !== "application/json" ? body : JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload ?? null, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "NETWORK");
  }
  if (!response.ok) {
    const error = await failure(response);
    if (error.code === "UNAUTHENTICATED" && path !== "/api/auth/sign-in") onSessionLost?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>("GET", path),
  post: <T>(path: string, body?: unknown) => request<T>("POST", path, body),
  patch: <T>(path: string, body: unknown) => request<T>("PATCH", path, body),
  csv: <T>(path: string, text: string) => request<T>("POST", path, text, "text/csv"),
};

/** Query strings from plain values; undefined and "" are left out. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}
