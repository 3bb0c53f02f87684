// Multipart uploads with progress. fetch reports no upload progress, XMLHttpRequest does; the
// session cookie and the CSRF token go as with every other write (web/src/lib/api.ts).
import { ApiError, type ApiIssue, getCsrfToken } from "../../../lib/api.ts";

/** PDF, JPEG or PNG, at most 10 MB: what the server accepts (src/use-cases/upload-document.ts). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
const ACCEPTED_TYPES = ["application/pdf", "image/jpeg", "image/png"];
const ACCEPTED_EXTENSIONS = /\.(pdf|jpe?g|png)$/i;
export const ACCEPT_ATTRIBUTE = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png";

/** Why a file cannot be sent, before sending it: a code the page says in words. */
export type FileProblem = "FILE_TOO_LARGE" | "FILE_TYPE" | "FILE_EMPTY";

export function checkFile(file: File): FileProblem | null {
  if (file.size === 0) return "FILE_EMPTY";
  if (file.size > MAX_FILE_BYTES) return "FILE_TOO_LARGE";
  const typeOk = file.type === "" || ACCEPTED_TYPES.includes(file.type);
  if (!typeOk || !ACCEPTED_EXTENSIONS.test(file.name)) return "FILE_TYPE";
  return null;
}

function isIssue(value: unknown): value is ApiIssue {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiIssue).path === "string" &&
    typeof (value as ApiIssue).message === "string"
  );
}

function failure(status: number, text: string): ApiError {
  let body: { error?: { code?: unknown; issues?: unknown } } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON: the status alone
  }
  const code =
    typeof body.error?.code === "string"
      ? body.error.code
      : status === 413
        ? "PAYLOAD_TOO_LARGE"
        : status >= 500
          ? "INTERNAL"
          : "MALFORMED_REQUEST";
  const issues = Array.isArray(body.error?.issues) ? body.error.issues.filter(isIssue) : [];
  return new ApiError(status, code, issues);
}

/** POSTs a form as multipart/form-data; `onProgress` gets the fraction sent (0…1). */
export function postWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", path);
    xhr.setRequestHeader("accept", "application/json");
    const token = getCsrfToken();
    if (token !== null) xhr.setRequestHeader("x-csrf-token", token);
    xhr.withCredentials = true;
    xhr.upload.addEventListener("progress", (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    });
    xhr.addEventListener("load", () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          reject(new ApiError(xhr.status, "INTERNAL"));
        }
      } else reject(failure(xhr.status, xhr.responseText));
    });
    xhr.addEventListener("error", () => reject(new ApiError(0, "NETWORK")));
    xhr.addEventListener("abort", () => reject(new ApiError(0, "NETWORK")));
    xhr.send(form);
  });
}

/** The workflow's reason of a refusal (`CLAIMS_CLOSED: …` in the first issue), when it has one. */
export function reasonOf(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  for (const issue of error.issues) {
    const match = /^([A-Z][A-Z_]+):/.exec(issue.message);
    if (match?.[1]) return match[1];
  }
  return null;
}
