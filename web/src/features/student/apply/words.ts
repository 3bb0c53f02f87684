// Reasons in words: the engine's code plus the agreement's own requirement ("needs a verified B2
// in German"), and the workflow's refusals (deadline passed, call not open, locked).
import type { TFunction } from "i18next";
import { errorText } from "../../../lib/errors.tsx";
import { countryName, languageName } from "../../../lib/format.ts";
import type { Destination } from "./data.ts";
import { refusalReason } from "./data.ts";

export function languageOptions(t: TFunction, destination: Destination, lng: string): string {
  const options = destination.agreement.languageRequirement?.options ?? [];
  return options
    .map((o) => t("apply.reasons.levelIn", { level: o.minLevel, language: languageName(o.language, lng) }))
    .join(t("apply.reasons.or"));
}

export function reasonText(t: TFunction, code: string, destination: Destination, lng: string): string {
  const a = destination.agreement;
  switch (code) {
    case "LANGUAGE_REQUIRED":
      return t("apply.reasons.LANGUAGE_REQUIRED", { levels: languageOptions(t, destination, lng) });
    case "COUNTRY_NOT_IN_PROGRAMME":
      return t("apply.reasons.COUNTRY_NOT_IN_PROGRAMME", { country: countryName(a.partner.country, lng) });
    case "CYCLE":
      return t("apply.reasons.CYCLE", { cycles: a.cycles.map((c) => t(`cycles.${c}`)).join(", ") });
    case "DURATION":
      return t("apply.reasons.DURATION", { months: a.months });
    case "NO_PLACES":
      return t("apply.reasons.NO_PLACES");
    default:
      return t(`choiceReasons.${code}`, { defaultValue: code });
  }
}

/** A refusal of the server in words: the workflow's reason when it names one, else the general code. */
export function refusalText(t: TFunction, error: unknown): string {
  const reason = refusalReason(error);
  if (reason !== null) {
    const text = t(`apply.refusals.${reason}`, { defaultValue: "" });
    if (text !== "") return text;
  }
  return errorText(t, error);
}
