// Spanish by default, English when the browser prefers it or the person chooses it; the choice is
// kept in localStorage. Every word of the interface comes from these catalogues; the server sends
// codes (src/errors.ts, src/imports/csv.ts, src/domain/outcome.ts) and the catalogues name them.
// The catalogue is the core (es.json, en.json) and one part per area of the app
// (parts/<area>.<language>.json), each with top-level keys of its own (merge.ts refuses a clash).
import i18next from "i18next";
import LanguageDetector from "i18next-browser-languagedetector";
import { initReactI18next } from "react-i18next";
import en from "./en.json";
import es from "./es.json";
import { mergeCatalogues } from "./merge.ts";

const PARTS = import.meta.glob<Record<string, unknown>>("./parts/*.json", {
  eager: true,
  import: "default",
});

export const LANGUAGES = ["es", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = "mobilitas.language";

export const currentLanguage = (): Language => (i18next.resolvedLanguage === "en" ? "en" : "es");

/** The document says which language it is in, so screen readers pronounce it right (WCAG 3.1.1). */
function reflectLanguage(): void {
  document.documentElement.lang = currentLanguage();
}

export async function startI18n(): Promise<void> {
  await i18next
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources: {
        es: { translation: mergeCatalogues(es, PARTS, "es") },
        en: { translation: mergeCatalogues(en, PARTS, "en") },
      },
      supportedLngs: [...LANGUAGES],
      nonExplicitSupportedLngs: true,
      load: "languageOnly",
      fallbackLng: "es",
      interpolation: { escapeValue: false },
      detection: {
        order: ["localStorage", "navigator"],
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        caches: ["localStorage"],
        // "en-GB" from the browser is "en" here, so i18next.language is always one of LANGUAGES.
        convertDetectedLanguage: (detected: string) => detected.split("-")[0] ?? detected,
      },
      returnNull: false,
    });
  reflectLanguage();
  i18next.on("languageChanged", reflectLanguage);
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
}
