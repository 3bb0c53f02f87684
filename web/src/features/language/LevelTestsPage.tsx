// The language service records level-test results (issue 5): the student's id, the language and
// the level reached. The service may not read academic records (SPEC 2), so it types the id the
// student shows at the test; the server refuses an id the call does not know.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api.ts";
import { currentCall } from "../../lib/calls.ts";
import { formatDateTime, languageName } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import type { CefrLevel } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";
import { Refusal } from "../coordinator/back-office/common.tsx";
import "./level-tests.css";

const LEVELS: CefrLevel[] = ["A1", "A2", "B1", "B2", "C1", "C2"];
/** Languages the partners ask for (ISO 639-1); the server takes any two-letter code. */
const LANGUAGES = [
  "en",
  "fr",
  "de",
  "it",
  "pt",
  "es",
  "nl",
  "pl",
  "cs",
  "sv",
  "fi",
  "da",
  "ro",
  "el",
  "tr",
  "hu",
];

interface Recorded {
  id: string;
  studentId: string;
  language: string;
  level: CefrLevel;
  uploadedAt: string;
}

export default function LevelTestsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { data: call, error: callError, loading } = useLoad(() => currentCall(), []);
  const [studentId, setStudentId] = useState("");
  const [language, setLanguage] = useState("en");
  const [level, setLevel] = useState<CefrLevel>("B2");
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [recorded, setRecorded] = useState<Recorded[]>([]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!call) return;
    setError(null);
    const id = studentId.trim();
    setMissing(id === "");
    if (id === "") {
      document.getElementById("level-student")?.focus();
      return;
    }
    setBusy(true);
    try {
      const doc = await api.post<Recorded>(
        `/api/calls/${encodeURIComponent(call.id)}/students/${encodeURIComponent(id)}/level-tests`,
        { language, level },
      );
      setRecorded((list) => [doc, ...list]);
      setStudentId("");
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t("levelTests.title")}>
      <p className="lead">{t("levelTests.lead")}</p>
      {loading && <Loading />}
      <Refusal error={callError} />
      {call && (
        <form className="form narrow" onSubmit={(event) => void submit(event)} aria-labelledby="level-form">
          <h2 id="level-form">{t("levelTests.formHeading", { call: call.id })}</h2>
          <div className="field">
            <label htmlFor="level-student">{t("levelTests.studentId")}</label>
            <input
              id="level-student"
              value={studentId}
              autoComplete="off"
              aria-invalid={missing || undefined}
              aria-describedby="level-student-hint"
              onChange={(e) => setStudentId(e.target.value)}
            />
            <p id="level-student-hint" className={missing ? "field-error" : "hint"}>
              {missing ? t("levelTests.studentMissing") : t("levelTests.studentHint")}
            </p>
          </div>
          <div className="grid-fields">
            <div className="field">
              <label htmlFor="level-language">{t("levelTests.language")}</label>
              <select id="level-language" value={language} onChange={(e) => setLanguage(e.target.value)}>
                {LANGUAGES.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code, lng)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="level-level">{t("levelTests.level")}</label>
              <select id="level-level" value={level} onChange={(e) => setLevel(e.target.value as CefrLevel)}>
                {LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <Refusal error={error} />
          <div className="actions">
            <button type="submit" className="button" disabled={busy} aria-busy={busy}>
              {t("levelTests.record")}
            </button>
          </div>
        </form>
      )}
      <section aria-labelledby="level-recorded">
        <h2 id="level-recorded">{t("levelTests.recordedHeading")}</h2>
        <div role="status">
          {recorded.length === 0 ? (
            <p>{t("levelTests.noneYet")}</p>
          ) : (
            <ul className="level-results">
              {recorded.map((r) => (
                <li key={r.id}>
                  {t("levelTests.recordedItem", {
                    student: r.studentId,
                    language: languageName(r.language, lng),
                    level: r.level,
                    at: formatDateTime(r.uploadedAt, lng),
                  })}
                </li>
              ))}
            </ul>
          )}
        </div>
      </section>
    </Page>
  );
}
