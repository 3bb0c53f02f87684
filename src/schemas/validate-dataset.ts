// The one gate for a dataset file (SPEC 12.13, 13): the JSON Schema itself (Ajv, draft 2020-12,
// every error), then what a schema cannot say (duplicate ids, two applications of one student).
// Invalid input is refused as a whole, with every problem named by its JSON path or id.

import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import schema from "../../schemas/dataset.schema.json" with { type: "json" };
import type { Dataset } from "../domain/dataset.ts";

export interface DatasetError {
  /** JSON Pointer of the offending value ("" for the whole document). */
  path: string;
  message: string;
}

export type DatasetValidation = { ok: true; dataset: Dataset } | { ok: false; errors: DatasetError[] };

// ajv-formats is CommonJS: under Node's ESM interop its plugin is the `default` of the default export.
type FormatsPlugin = (ajv: Ajv2020, options: { mode: "full"; formats: string[] }) => Ajv2020;
const formatsExport = addFormatsModule as unknown as FormatsPlugin | { default: FormatsPlugin };
const addFormats = typeof formatsExport === "function" ? formatsExport : formatsExport.default;
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv, { mode: "full", formats: ["date-time"] });
const validateSchema = ajv.compile<Dataset>(schema);

function describe(error: ErrorObject): DatasetError {
  const { keyword, params } = error;
  let message = error.message ?? keyword;
  if (keyword === "additionalProperties") message = `unknown property "${String(params.additionalProperty)}"`;
  if (keyword === "required") message = `missing required property "${String(params.missingProperty)}"`;
  if (keyword === "enum") message = `${message}: ${JSON.stringify(params.allowedValues)}`;
  if (keyword === "const") message = `must be ${JSON.stringify(params.allowedValue)}`;
  return { path: error.instancePath, message };
}

/**
 * Ajv reports every branch of a failed oneOf; keep the reasons a person can act on: the `null`
 * branch of validatedAt adds nothing to "must match format date-time", nor does the oneOf itself.
 */
function usefulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  const failedOneOf = new Set(errors.filter((e) => e.keyword === "oneOf").map((e) => e.instancePath));
  const branchErrors = errors.filter(
    (e) =>
      failedOneOf.has(e.instancePath) &&
      e.keyword !== "oneOf" &&
      !(e.keyword === "type" && e.params.type === "null"),
  );
  const explained = new Set(branchErrors.map((e) => e.instancePath));
  return errors.filter((e) => {
    if (!failedOneOf.has(e.instancePath)) return true;
    if (e.keyword === "oneOf") return !explained.has(e.instancePath);
    return !(e.keyword === "type" && e.params.type === "null");
  });
}

function records(input: unknown, collection: string): { id?: unknown; studentId?: unknown }[] {
  const value =
    typeof input === "object" && input !== null ? (input as Record<string, unknown>)[collection] : undefined;
  return Array.isArray(value) ? value.map((v) => (typeof v === "object" && v !== null ? v : {})) : [];
}

/** Checked on whatever parts are readable, so they are listed beside the schema's errors. */
function duplicateErrors(input: unknown): DatasetError[] {
  const errors: DatasetError[] = [];
  const checkUnique = (
    collection: "agreements" | "students" | "applications",
    ids: unknown[],
    what: string,
  ) => {
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      if (typeof id !== "string") return;
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, i);
      else {
        errors.push({
          path: `/${collection}/${i}/id`,
          message: `duplicate ${what} id ${JSON.stringify(id)} (first at /${collection}/${earlier}/id)`,
        });
      }
    });
  };
  checkUnique(
    "agreements",
    records(input, "agreements").map((a) => a.id),
    "agreement",
  );
  checkUnique(
    "students",
    records(input, "students").map((s) => s.id),
    "student",
  );
  const applications = records(input, "applications");
  checkUnique(
    "applications",
    applications.map((a) => a.id),
    "application",
  );
  const applicationOf = new Map<string, number>();
  applications.forEach((application, i) => {
    if (typeof application.studentId !== "string") return;
    const earlier = applicationOf.get(application.studentId);
    if (earlier === undefined) applicationOf.set(application.studentId, i);
    else {
      errors.push({
        path: `/applications/${i}/studentId`,
        message: `student ${JSON.stringify(application.studentId)} already has an application in this call (/applications/${earlier})`,
      });
    }
  });
  return errors;
}

export function validateDataset(input: unknown): DatasetValidation {
  const valid = validateSchema(input);
  const errors = [
    ...(valid ? [] : usefulErrors(validateSchema.errors ?? []).map(describe)),
    ...duplicateErrors(input),
  ];
  return valid && errors.length === 0 ? { ok: true, dataset: input } : { ok: false, errors };
}

export function validateDatasetText(text: string): DatasetValidation {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: "", message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return validateDataset(input);
}

/** One line per error, as printed on standard error. */
export function formatDatasetErrors(errors: readonly DatasetError[]): string {
  return errors.map((e) => `${e.path === "" ? "(document)" : e.path}: ${e.message}`).join("\n");
}
