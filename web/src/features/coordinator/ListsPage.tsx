// Publishing a centre's lists from a run: the provisional list (on or after its date), the
// definitive one (after the claims), a new publication superseding one only with a reason; those
// published are shown as they are, never changed (issue 5).
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api.ts";
import { formatDateTime } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { Link } from "../../lib/router.tsx";
import { useLoad } from "../../lib/use-load.ts";
import { CentrePicker, callApi, Refusal, ScrollBox, useStaffScope } from "./back-office/common.tsx";
import type { AwardRun, Publication } from "./back-office/types.ts";

type Kind = "provisional" | "definitive";

export default function ListsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const scope = useStaffScope();
  const { call, centre } = scope;
  const [kind, setKind] = useState<Kind>("provisional");
  const [runId, setRunId] = useState("");
  const [reason, setReason] = useState("");
  const [reasonMissing, setReasonMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [published, setPublished] = useState<Publication | null>(null);
  const {
    data,
    error: loadError,
    loading,
    reload,
  } = useLoad(async () => {
    if (!call || centre === null) return null;
    const [lists, runs] = await Promise.all([
      api.get<{ items: Publication[] }>(callApi(call.id, `lists${query({ centre })}`)),
      api.get<{ items: AwardRun[] }>(callApi(call.id, "award-runs")),
    ]);
    return { lists: lists.items, runs: runs.items.filter((r) => r.centre === centre) };
  }, [call?.id, centre]);
  const newestRun = data?.runs[0]?.id ?? "";
  useEffect(() => setRunId(newestRun), [newestRun]);
  const current = data?.lists.find((l) => l.kind === kind && l.current) ?? null;
  const opensAt = kind === "provisional" ? call?.calendar.provisionalListAt : call?.calendar.definitiveListAt;

  async function publish(event: FormEvent) {
    event.preventDefault();
    if (!call || centre === null) return;
    setError(null);
    setPublished(null);
    const missing = current !== null && reason.trim() === "";
    setReasonMissing(missing);
    if (missing) {
      document.getElementById("publish-reason")?.focus();
      return;
    }
    setBusy(true);
    try {
      const body = { centre, kind, runId, ...(reason.trim() === "" ? {} : { reason: reason.trim() }) };
      setPublished(await api.post<Publication>(callApi(call.id, "lists"), body));
      setReason("");
      reload();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const runLabel = (id: string) => {
    const run = data?.runs.find((r) => r.id === id);
    return run ? t("runs.option", { seq: run.seq, at: formatDateTime(run.runAt, lng) }) : id.slice(0, 8);
  };
  return (
    <Page title={t("staffLists.title")} wide>
      <CentrePicker scope={scope} />
      <Refusal error={scope.error ?? loadError} />
      {loading && <Loading />}
      {data && call && (
        <>
          <section aria-labelledby="lists-publish">
            <h2 id="lists-publish">{t("staffLists.publishHeading")}</h2>
            {data.runs.length === 0 ? (
              <p>
                {t("staffLists.noRuns")} <Link href="/staff/runs">{t("staffLists.toRuns")}</Link>
              </p>
            ) : (
              <form className="form" onSubmit={(event) => void publish(event)}>
                <fieldset>
                  <legend>{t("staffLists.kind")}</legend>
                  {(["provisional", "definitive"] as const).map((k) => (
                    <div className="field checkbox" key={k}>
                      <input
                        type="radio"
                        id={`kind-${k}`}
                        name="kind"
                        checked={kind === k}
                        onChange={() => setKind(k)}
                      />
                      <label htmlFor={`kind-${k}`}>{t(`staffLists.kinds.${k}`)}</label>
                    </div>
                  ))}
                </fieldset>
                {opensAt && (
                  <p className="hint">{t("staffLists.opensAt", { at: formatDateTime(opensAt, lng) })}</p>
                )}
                {kind === "definitive" && call.calendar.claimsCloseAt && (
                  <p className="hint">
                    {t("staffLists.afterClaims", { at: formatDateTime(call.calendar.claimsCloseAt, lng) })}
                  </p>
                )}
                <div className="field">
                  <label htmlFor="publish-run">{t("staffLists.run")}</label>
                  <select id="publish-run" value={runId} onChange={(e) => setRunId(e.target.value)}>
                    {data.runs.map((r) => (
                      <option key={r.id} value={r.id}>
                        {runLabel(r.id)}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="publish-reason">
                    {current ? t("staffLists.reasonRequired") : t("staffLists.reasonOptional")}
                  </label>
                  <textarea
                    id="publish-reason"
                    rows={2}
                    maxLength={1000}
                    value={reason}
                    aria-invalid={reasonMissing || undefined}
                    aria-describedby={current ? "publish-supersedes" : undefined}
                    onChange={(e) => setReason(e.target.value)}
                  />
                  {current && (
                    <p id="publish-supersedes" className="hint">
                      {t("staffLists.supersedes", { at: formatDateTime(current.publishedAt, lng) })}
                    </p>
                  )}
                  {reasonMissing && (
                    <p className="field-error" role="alert">
                      {t("staffLists.reasonMissing")}
                    </p>
                  )}
                </div>
                <Refusal error={error} />
                <div className="actions">
                  <button type="submit" className="button" disabled={busy || runId === ""} aria-busy={busy}>
                    {t(`staffLists.publish.${kind}`)}
                  </button>
                </div>
              </form>
            )}
            {published && (
              <p className="alert alert-success" role="status">
                {t("staffLists.published", { kind: t(`staffLists.kinds.${published.kind}`) })}{" "}
                <Link href={`/lists/${encodeURIComponent(published.id)}`}>{t("staffLists.view")}</Link>
              </p>
            )}
          </section>
          <section aria-labelledby="lists-published">
            <h2 id="lists-published">{t("staffLists.publishedHeading")}</h2>
            {data.lists.length === 0 ? (
              <p>{t("staffLists.none")}</p>
            ) : (
              <ScrollBox label={t("staffLists.publishedHeading")}>
                <table className="compact stack">
                  <thead>
                    <tr>
                      <th scope="col">{t("staffLists.kind")}</th>
                      <th scope="col">{t("staffLists.publishedAt")}</th>
                      <th scope="col">{t("staffLists.run")}</th>
                      <th scope="col">{t("staffLists.state")}</th>
                      <th scope="col">{t("staffLists.reason")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.lists.map((l) => (
                      <tr key={l.id}>
                        <th scope="row" data-label={t("staffLists.kind")}>
                          <Link href={`/lists/${encodeURIComponent(l.id)}`}>
                            {t(`staffLists.kinds.${l.kind}`)}
                          </Link>
                        </th>
                        <td data-label={t("staffLists.publishedAt")}>{formatDateTime(l.publishedAt, lng)}</td>
                        <td data-label={t("staffLists.run")}>{runLabel(l.runId)}</td>
                        <td data-label={t("staffLists.state")}>
                          {l.current ? t("staffLists.current") : t("staffLists.superseded")}
                        </td>
                        <td data-label={t("staffLists.reason")}>{l.reason ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollBox>
            )}
          </section>
        </>
      )}
    </Page>
  );
}
