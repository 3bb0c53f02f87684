// The student's certificates: uploads with progress, their review status (issue 5).
// The form offers Annex II (GET /api/language-certificates); the file is checked here first (type,
// size) and again by the server, which reads the type from the content.
import { type FormEvent, type ReactNode, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n/index.ts";
import { ApiError, api } from "../../lib/api.ts";
import { currentCall } from "../../lib/calls.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { formatDateTime, formatNumber, languageName } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { useSession } from "../../lib/session.tsx";
import type { Call } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";
import { Refusal, serverClock, UploadProgress } from "./results/shared.tsx";
import type { CertificateFamily, StudentDocument } from "./results/types.ts";
import { ACCEPT_ATTRIBUTE, checkFile, type FileProblem, postWithProgress } from "./results/upload.ts";
import { StudentNav } from "./StudentNav.tsx";
import "./results/results.css";

const STATUS_BADGE = { pending: "badge-substitute", verified: "badge-awarded", rejected: "badge-excluded" };

function describe(
  t: ReturnType<typeof useTranslation>["t"],
  lng: string,
  doc: StudentDocument,
  families: ReadonlyMap<string, CertificateFamily>,
): string {
  if (doc.kind === "activity")
    return t(`documents.activityKinds.${doc.activityKind ?? "international-event"}`);
  const family =
    doc.certificate === "level-test"
      ? t("documents.levelTest")
      : (families.get(doc.certificate ?? "")?.name ?? doc.certificate ?? "");
  const grade =
    doc.level ??
    (doc.result !== null
      ? formatNumber(doc.result, lng)
      : doc.results
        ? Object.entries(doc.results)
            .map(([skill, value]) => `${t(`documents.skills.${skill}`, { defaultValue: skill })} ${value}`)
            .join(", ")
        : "");
  return [family, doc.language ? languageName(doc.language, lng) : "", grade].filter(Boolean).join(" · ");
}

function DocumentList({
  call,
  documents,
  families,
}: {
  call: Call;
  documents: StudentDocument[];
  families: ReadonlyMap<string, CertificateFamily>;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  if (documents.length === 0) return <p>{t("documents.none")}</p>;
  return (
    <ul className="item-list" aria-label={t("documents.listLabel")}>
      {documents.map((doc) => (
        <li key={doc.id}>
          <p className="strong">{describe(t, lng, doc, families)}</p>
          <p>
            <span className={`badge ${STATUS_BADGE[doc.status]}`}>
              {t(`documents.statuses.${doc.status}`)}
            </span>{" "}
            {doc.status === "pending" && <span className="muted">{t("documents.pendingHint")}</span>}
          </p>
          {doc.status === "rejected" && (
            <p>
              {t("documents.rejectedReason", {
                reason: doc.reviewReason ?? t("documents.noReason"),
              })}
            </p>
          )}
          <p className="muted">
            {t("documents.uploadedAt", { at: formatDateTime(doc.uploadedAt, lng) })}
            {doc.file && (
              <>
                {" · "}
                <a
                  href={`/api/calls/${encodeURIComponent(call.id)}/documents/${encodeURIComponent(doc.id)}/file`}
                  download={doc.file.name ?? true}
                >
                  {t("documents.download", { name: doc.file.name ?? t("documents.file") })}
                </a>
              </>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}

type Kind = "language-certificate" | "activity";
type ActivityKind = "international-event" | "mentor-programme";

function UploadForm({
  call,
  studentId,
  families,
  onUploaded,
}: {
  call: Call;
  studentId: string;
  families: CertificateFamily[];
  onUploaded: () => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [kind, setKind] = useState<Kind>("language-certificate");
  const [language, setLanguage] = useState("en");
  const [certificate, setCertificate] = useState("");
  const [level, setLevel] = useState("");
  const [result, setResult] = useState("");
  const [components, setComponents] = useState<Record<string, string>>({});
  const [activityKind, setActivityKind] = useState<ActivityKind>("international-event");
  const [positive, setPositive] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const languages = useMemo(() => {
    const all = new Set<string>();
    for (const family of families) for (const code of family.languages) all.add(code);
    return [...all].sort((a, b) => languageName(a, lng).localeCompare(languageName(b, lng), lng));
  }, [families, lng]);
  const offered = families.filter((f) => f.languages.includes(language) || f.anyLanguage);
  const family = offered.find((f) => f.id === certificate);

  function fileProblemText(problem: FileProblem): string {
    return t(`documents.fileProblems.${problem}`);
  }

  function validate(): Record<string, string> {
    const found: Record<string, string> = {};
    if (kind === "language-certificate") {
      if (!family) found.certificate = t("documents.required.certificate");
      else if (family.grading === "named-levels" && level === "") found.level = t("documents.required.level");
      else if (family.grading === "score-ranges" && !/^\d{1,5}([.,]\d{1,2})?$/.test(result.trim()))
        found.result = t("documents.required.result");
      else if (
        family.grading === "components" &&
        family.components.some((c) => !/^\d{1,5}$/.test((components[c] ?? "").trim()))
      )
        found.components = t("documents.required.components");
    }
    if (file === null) found.file = t("documents.required.file");
    else {
      const problem = checkFile(file);
      if (problem !== null) found.file = fileProblemText(problem);
    }
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setDone(false);
    const found = validate();
    setProblems(found);
    if (Object.keys(found).length > 0 || file === null) return;
    const form = new FormData();
    form.set("kind", kind);
    if (kind === "language-certificate" && family) {
      form.set("certificate", family.id);
      form.set("language", language);
      if (family.grading === "named-levels") form.set("level", level);
      if (family.grading === "score-ranges") form.set("result", result.trim().replace(",", "."));
      if (family.grading === "components")
        form.set(
          "results",
          JSON.stringify(Object.fromEntries(family.components.map((c) => [c, Number(components[c])]))),
        );
    } else {
      form.set("activityKind", activityKind);
      if (activityKind === "mentor-programme") form.set("positiveEvaluation", positive ? "true" : "false");
    }
    form.set("file", file, file.name);
    setProgress(0);
    try {
      await postWithProgress<StudentDocument>(
        `/api/calls/${encodeURIComponent(call.id)}/students/${encodeURIComponent(studentId)}/documents`,
        form,
        setProgress,
      );
      setDone(true);
      setFile(null);
      if (fileInput.current) fileInput.current.value = "";
      onUploaded();
    } catch (failure) {
      setError(failure);
      if (failure instanceof ApiError && failure.code === "UNSUPPORTED_MEDIA_TYPE")
        setProblems({ file: fileProblemText("FILE_TYPE") });
      if (failure instanceof ApiError && failure.code === "PAYLOAD_TOO_LARGE")
        setProblems({ file: fileProblemText("FILE_TOO_LARGE") });
    } finally {
      setProgress(null);
    }
  }

  const invalid = (field: string) =>
    problems[field] !== undefined ? { "aria-invalid": true, "aria-describedby": `${id}-${field}-error` } : {};
  const fieldError = (field: string) =>
    problems[field] !== undefined ? (
      <p id={`${id}-${field}-error`} className="field-error">
        {problems[field]}
      </p>
    ) : null;

  return (
    <form
      className="form"
      noValidate
      onSubmit={(event) => void submit(event)}
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`}>{t("documents.form.title")}</h2>
      <fieldset>
        <legend>{t("documents.form.kind")}</legend>
        {(["language-certificate", "activity"] as const).map((k) => (
          <div className="field checkbox" key={k}>
            <input
              type="radio"
              id={`${id}-kind-${k}`}
              name={`${id}-kind`}
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            <label htmlFor={`${id}-kind-${k}`}>{t(`documents.kinds.${k}`)}</label>
          </div>
        ))}
      </fieldset>

      {kind === "language-certificate" ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-language`}>{t("documents.form.language")}</label>
            <select
              id={`${id}-language`}
              value={language}
              onChange={(event) => {
                setLanguage(event.target.value);
                setCertificate("");
                setLevel("");
              }}
            >
              {languages.map((code) => (
                <option key={code} value={code}>
                  {languageName(code, lng)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-certificate`}>{t("documents.form.certificate")}</label>
            <select
              id={`${id}-certificate`}
              value={certificate}
              onChange={(event) => {
                setCertificate(event.target.value);
                setLevel("");
                setResult("");
                setComponents({});
              }}
              {...invalid("certificate")}
            >
              <option value="">{t("documents.form.choose")}</option>
              {offered.map((f) => (
                <option key={f.id} value={f.id}>
                  {f.name}
                </option>
              ))}
            </select>
            <p className="hint">{t("documents.form.certificateHint")}</p>
            {fieldError("certificate")}
          </div>
          {family?.grading === "named-levels" && (
            <div className="field">
              <label htmlFor={`${id}-level`}>{t("documents.form.level")}</label>
              <select
                id={`${id}-level`}
                value={level}
                onChange={(event) => setLevel(event.target.value)}
                {...invalid("level")}
              >
                <option value="">{t("documents.form.choose")}</option>
                {family.levels.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
              {fieldError("level")}
            </div>
          )}
          {family?.grading === "score-ranges" && (
            <div className="field">
              <label htmlFor={`${id}-result`}>{t("documents.form.result")}</label>
              <input
                id={`${id}-result`}
                type="text"
                inputMode="decimal"
                value={result}
                onChange={(event) => setResult(event.target.value)}
                {...invalid("result")}
              />
              <p className="hint">{t("documents.form.resultHint")}</p>
              {fieldError("result")}
            </div>
          )}
          {family?.grading === "components" && (
            <fieldset>
              <legend>{t("documents.form.components")}</legend>
              {family.components.map((skill) => (
                <div className="field" key={skill}>
                  <label htmlFor={`${id}-skill-${skill}`}>
                    {t(`documents.skills.${skill}`, { defaultValue: skill })}
                  </label>
                  <input
                    id={`${id}-skill-${skill}`}
                    type="text"
                    inputMode="numeric"
                    value={components[skill] ?? ""}
                    onChange={(event) => setComponents({ ...components, [skill]: event.target.value })}
                    {...invalid("components")}
                  />
                </div>
              ))}
              {fieldError("components")}
            </fieldset>
          )}
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-activity`}>{t("documents.form.activityKind")}</label>
            <select
              id={`${id}-activity`}
              value={activityKind}
              onChange={(event) => setActivityKind(event.target.value as ActivityKind)}
            >
              {(["international-event", "mentor-programme"] as const).map((a) => (
                <option key={a} value={a}>
                  {t(`documents.activityKinds.${a}`)}
                </option>
              ))}
            </select>
          </div>
          {activityKind === "mentor-programme" && (
            <div className="field checkbox">
              <input
                id={`${id}-positive`}
                type="checkbox"
                checked={positive}
                onChange={(event) => setPositive(event.target.checked)}
              />
              <label htmlFor={`${id}-positive`}>{t("documents.form.positiveEvaluation")}</label>
            </div>
          )}
        </>
      )}

      <div className="field">
        <label htmlFor={`${id}-file`}>{t("documents.form.file")}</label>
        <input
          ref={fileInput}
          id={`${id}-file`}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          onChange={(event) => {
            const chosen = event.target.files?.[0] ?? null;
            setFile(chosen);
            const problem = chosen ? checkFile(chosen) : null;
            setProblems(problem ? { file: fileProblemText(problem) } : {});
          }}
          {...invalid("file")}
        />
        <p className="hint">{t("documents.form.fileHint")}</p>
        {fieldError("file")}
      </div>

      {progress !== null && <UploadProgress fraction={progress} label={t("documents.form.progress")} />}
      <button type="submit" className="button" disabled={progress !== null}>
        {progress !== null ? t("documents.form.sending") : t("documents.form.send")}
      </button>
      <div aria-live="polite">
        {done && (
          <p className="alert alert-success" role="status">
            {t("documents.form.done")}
          </p>
        )}
      </div>
      {Object.keys(problems).length > 0 && error === null && (
        <p className="alert alert-error" role="alert">
          {t("documents.form.fix")}
        </p>
      )}
      <Refusal error={error} />
    </form>
  );
}

interface Loaded {
  call: Call;
  now: number;
  documents: StudentDocument[];
  families: CertificateFamily[];
}

export default function DocumentsPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const studentId = user?.studentId ?? null;
  const [tick, setTick] = useState(0);
  const { data, error, loading } = useLoad<Loaded | null>(async () => {
    const call = await currentCall();
    if (call === null || studentId === null) return null;
    const [clock, documents, families] = await Promise.all([
      serverClock(),
      api.get<{ items: StudentDocument[] }>(
        `/api/calls/${encodeURIComponent(call.id)}/documents?studentId=${encodeURIComponent(studentId)}`,
      ),
      api.get<{ items: CertificateFamily[] }>("/api/language-certificates"),
    ]);
    return { call, now: clock(), documents: documents.items, families: families.items };
  }, [studentId, tick]);
  const familyMap = useMemo(() => new Map((data?.families ?? []).map((f) => [f.id, f])), [data]);

  let body: ReactNode;
  if (loading && data === undefined) body = <Loading />;
  else if (error) body = <ErrorMessage error={error} />;
  else if (!data) body = <p>{t("documents.noCall")}</p>;
  else {
    const deadline = data.call.calendar.documentsDeadline ?? data.call.calendar.applicationDeadline;
    const open = data.now <= Date.parse(deadline);
    const when = formatDateTime(deadline, currentLanguage());
    body = (
      <>
        <p className="lead">{t("documents.lead")}</p>
        <p className="phase-note">
          {open ? t("documents.deadlineOpen", { when }) : t("documents.deadlinePassed", { when })}
        </p>
        <section aria-labelledby="documents-mine">
          <h2 id="documents-mine">{t("documents.mine")}</h2>
          <DocumentList call={data.call} documents={data.documents} families={familyMap} />
        </section>
        {open && studentId !== null && (
          <UploadForm
            call={data.call}
            studentId={studentId}
            families={data.families}
            onUploaded={() => setTick((n) => n + 1)}
          />
        )}
      </>
    );
  }
  return (
    <Page title={t("documents.title")}>
      <StudentNav />
      {body}
    </Page>
  );
}
