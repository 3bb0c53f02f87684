// CSV imports of the call's agreements and of Secretaría's academic records. The file is shown in
// an editable box; a refused file lists every bad row with its column and the reason in the
// reader's language, so the row can be fixed here and sent again.
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError, api } from "../../lib/api.ts";
import { currentCall } from "../../lib/calls.ts";
import { type CsvIssue, csvIssue, ErrorMessage } from "../../lib/errors.tsx";
import { Page } from "../../lib/page.tsx";
import type { ImportReport } from "../../lib/types.ts";

type Kind = "agreements" | "students";

function IssueTable({ issues }: { issues: CsvIssue[] }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="issues">
        <caption>{t("import.issuesCaption", { count: issues.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("import.row")}</th>
            <th scope="col">{t("import.column")}</th>
            <th scope="col">{t("import.problem")}</th>
            <th scope="col">{t("import.value")}</th>
          </tr>
        </thead>
        <tbody>
          {issues.map((issue) => (
            // The server names each (row, column, code) once.
            <tr key={`${issue.row}-${issue.column}-${issue.code}`}>
              <td>{issue.row ?? "—"}</td>
              <td>{issue.column ? <code>{issue.column}</code> : "—"}</td>
              <td>{t(`csvCodes.${issue.code}`, { defaultValue: t("csvCodes.UNKNOWN") })}</td>
              <td>{issue.value !== null ? <code>{issue.value === "" ? "∅" : issue.value}</code> : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportForm({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [issues, setIssues] = useState<CsvIssue[]>([]);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setReport(null);
    setIssues([]);
    setError(null);
    try {
      const call = await currentCall();
      if (call === null) throw new ApiError(404, "NOT_FOUND");
      setReport(
        await api.csv<ImportReport>(`/api/calls/${encodeURIComponent(call.id)}/${kind}/import`, text),
      );
    } catch (failure) {
      const rows =
        failure instanceof ApiError
          ? failure.issues.map((issue) => csvIssue(issue.path, issue.message)).filter((i) => i !== null)
          : [];
      if (rows.length > 0) setIssues(rows);
      else setError(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="import">
      <h2 id={`${id}-title`}>{t(`import.${kind}.title`)}</h2>
      <p className="hint">{t(`import.${kind}.columns`)}</p>
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label htmlFor={`${id}-file`}>{t("import.file")}</label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv,text/plain"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void file.text().then(setText);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-text`}>{t("import.text")}</label>
          <textarea
            id={`${id}-text`}
            rows={8}
            spellCheck={false}
            value={text}
            aria-describedby={`${id}-text-hint`}
            onChange={(event) => setText(event.target.value)}
          />
          <p id={`${id}-text-hint`} className="hint">
            {t("import.textHint")}
          </p>
        </div>
        <button type="submit" className="button" disabled={busy || text.trim() === ""}>
          {busy ? t("import.sending") : t("import.send")}
        </button>
      </form>
      <div aria-live="polite">
        {report && (
          <p className="alert alert-success" role="status">
            {t("import.done", { ...report })}
          </p>
        )}
        {issues.length > 0 && (
          <div className="alert alert-error" role="alert">
            <p>{t("import.refused", { count: new Set(issues.map((i) => i.row)).size })}</p>
          </div>
        )}
      </div>
      {issues.length > 0 && <IssueTable issues={issues} />}
      <ErrorMessage error={error} />
    </section>
  );
}

export default function ImportPage() {
  const { t } = useTranslation();
  return (
    <Page title={t("import.title")}>
      <p className="lead">{t("import.lead")}</p>
      <ImportForm kind="agreements" />
      <ImportForm kind="students" />
    </Page>
  );
}
