// Server codes into words. The catalogues have one entry per code of src/errors.ts under
// "errors.*", and one per CSV row code of src/imports/csv.ts under "csvCodes.*".
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { ApiError } from "./api.ts";

export function errorText(t: TFunction, error: unknown): string {
  const code = error instanceof ApiError ? error.code : "INTERNAL";
  return t(`errors.${code}`, { defaultValue: t("errors.UNKNOWN") });
}

/**
 * The reason of a refused field (`REASON: text` in an issue naming the field, e.g. `FILE_TYPE`), if
 * there is one. A workflow refusal is read by its `error.code` alone
 * (docs/decisions/0013-workflow-completion.md).
 */
export function fieldReason(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  for (const issue of error.issues) {
    const code = /^([A-Z][A-Z_]+):/.exec(issue.message)?.[1];
    if (code !== undefined) return code;
  }
  return null;
}

/**
 * A refusal in words: the bad field's reason when there is one, else the error's code; each looked
 * up first in a part's own words (`part.CODE`, when a page says it better for its reader), then in
 * the core `errors.CODE`.
 */
export function refusalText(t: TFunction, error: unknown, part?: string): string {
  const codes = [fieldReason(error), error instanceof ApiError ? error.code : null];
  const prefixes = part === undefined ? ["errors"] : [part, "errors"];
  for (const code of codes) {
    if (code === null) continue;
    for (const prefix of prefixes) {
      const text = t(`${prefix}.${code}`, { defaultValue: "" });
      if (text !== "") return text;
    }
  }
  return errorText(t, error);
}

/** One bad cell of an imported file: `csv/<row>/<column>` and `CODE: text: "value"`. */
export interface CsvIssue {
  row: number | null;
  column: string | null;
  code: string;
  /** The offending cell as the server quoted it, when it did. */
  value: string | null;
}

export function csvIssue(path: string, message: string): CsvIssue | null {
  const where = /^csv\/(\d+)(?:\/(.+))?$/.exec(path);
  if (where === null) return null;
  const code = /^([A-Z_]+):/.exec(message)?.[1] ?? "UNKNOWN";
  let value: string | null = null;
  const quoted = /: ("(?:[^"\\]|\\.)*")$/.exec(message)?.[1];
  if (quoted !== undefined) {
    try {
      value = JSON.parse(quoted) as string;
    } catch {
      value = null;
    }
  }
  return { row: Number(where[1]), column: where[2] ?? null, code, value };
}

export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error === null || error === undefined) return null;
  return (
    <p className="alert alert-error" role="alert">
      {errorText(t, error)}
    </p>
  );
}
