// Scoring and award runs: run the award for the centre (the request is synchronous: the button
// waits, busy, with a progress indicator), the runs kept (when, who, input hash), and what changed
// between two runs: who moved and why (issue 5).
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api.ts";
import { formatDateTime, formatNumber } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { useSession } from "../../lib/session.tsx";
import type { Page as ApiPage } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";
import { CentrePicker, callApi, Refusal, ScrollBox, useStaffScope } from "./back-office/common.tsx";
import type {
  AwardRun,
  AwardRunWithOutcome,
  Reasons,
  RunChanges,
  StudentDetail,
} from "./back-office/types.ts";

type TFn = ReturnType<typeof useTranslation>["t"];

function why(t: TFn, reasons: Reasons | null): string {
  if (reasons === null) return "—";
  const texts = reasons.exclusions.map((code) => t(`exclusions.${code}`, { defaultValue: code }));
  for (const choice of reasons.choices.filter((c) => !c.eligible)) {
    const list = choice.reasons.map((code) => t(`choiceReasons.${code}`, { defaultValue: code })).join("; ");
    texts.push(`${choice.agreementId}: ${list}`);
  }
  return texts.length === 0 ? t("runs.noReasons") : texts.join(" · ");
}

function Moves({ changes, names }: { changes: RunChanges; names: Map<string, string | null> }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const value = (v: unknown): string => {
    if (v === null || v === undefined) return "—";
    if (typeof v === "number") return formatNumber(v, lng);
    if (Array.isArray(v))
      return v.length === 0
        ? "—"
        : v.map((c) => t(`exclusions.${c}`, { defaultValue: String(c) })).join(", ");
    if (v === "awarded" || v === "substitute" || v === "excluded") return t(`outcome.statuses.${v}`);
    return String(v);
  };
  const arrow = (c: { from: unknown; to: unknown } | undefined) =>
    c === undefined ? "=" : t("runs.fromTo", { from: value(c.from), to: value(c.to) });
  if (changes.changes.length === 0) return <p role="status">{t("runs.noChanges")}</p>;
  return (
    <>
      <p role="status">{t("runs.changesCount", { count: changes.changes.length })}</p>
      <ScrollBox label={t("runs.changesCaption")}>
        <table className="compact stack" id="run-changes">
          <caption>{t("runs.changesCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("runs.student")}</th>
              <th scope="col">{t("runs.status")}</th>
              <th scope="col">{t("runs.rank")}</th>
              <th scope="col">{t("runs.award")}</th>
              <th scope="col">{t("runs.total")}</th>
              <th scope="col">{t("runs.why")}</th>
            </tr>
          </thead>
          <tbody>
            {changes.changes.map((c) => (
              <tr key={c.applicationId}>
                <th scope="row" data-label={t("runs.student")}>
                  {c.studentId}
                  {names.get(c.studentId) && <span className="muted block">{names.get(c.studentId)}</span>}
                </th>
                <td data-label={t("runs.status")}>{arrow(c.status)}</td>
                <td data-label={t("runs.rank")}>{arrow(c.rank)}</td>
                <td data-label={t("runs.award")}>{arrow(c.award)}</td>
                <td data-label={t("runs.total")}>{arrow(c.total)}</td>
                <td data-label={t("runs.why")}>
                  {c.exclusions || JSON.stringify(c.why.from) !== JSON.stringify(c.why.to) ? (
                    <>
                      <span className="block">{t("runs.before", { why: why(t, c.why.from) })}</span>
                      <span className="block">{t("runs.after", { why: why(t, c.why.to) })}</span>
                    </>
                  ) : (
                    t("runs.scoreOrOrder")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollBox>
    </>
  );
}

export default function RunsPage() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const scope = useStaffScope();
  const { call, centre } = scope;
  const [running, setRunning] = useState(false);
  const [runError, setRunError] = useState<unknown>(null);
  const [done, setDone] = useState<AwardRunWithOutcome | null>(null);
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [changes, setChanges] = useState<RunChanges | null>(null);
  const [compareError, setCompareError] = useState<unknown>(null);
  const [comparing, setComparing] = useState(false);
  const { data, error, loading, reload } = useLoad(async () => {
    if (!call || centre === null) return null;
    const runs = await api.get<{ items: AwardRun[] }>(callApi(call.id, "award-runs"));
    return runs.items.filter((r) => r.centre === centre);
  }, [call?.id, centre]);
  const runs = data ?? [];
  const names = useLoad(async () => {
    if (!call || centre === null) return new Map<string, string | null>();
    const students = await api.get<ApiPage<StudentDetail>>(
      callApi(call.id, `students${query({ centre, limit: 1000 })}`),
    );
    return new Map(students.items.map((s) => [s.id, s.name]));
  }, [call?.id, centre]).data;
  const { user } = useSession();
  // By default, the newest run against the one before it.
  useEffect(() => {
    setTo(runs[0]?.id ?? "");
    setFrom(runs[1]?.id ?? "");
    setChanges(null);
  }, [runs[0]?.id, runs[1]?.id]);

  async function run() {
    if (!call || centre === null) return;
    setRunning(true);
    setRunError(null);
    setDone(null);
    try {
      setDone(await api.post<AwardRunWithOutcome>(callApi(call.id, "award-runs"), { centre }));
      reload();
    } catch (failure) {
      setRunError(failure);
    } finally {
      setRunning(false);
    }
  }

  async function compare(event: FormEvent) {
    event.preventDefault();
    if (!call || from === "" || to === "") return;
    setComparing(true);
    setCompareError(null);
    setChanges(null);
    try {
      setChanges(
        await api.get<RunChanges>(
          callApi(
            call.id,
            `award-runs/${encodeURIComponent(to)}/changes${query({ from, centre: centre ?? undefined })}`,
          ),
        ),
      );
    } catch (failure) {
      setCompareError(failure);
    } finally {
      setComparing(false);
    }
  }

  const label = (r: AwardRun) => t("runs.option", { seq: r.seq, at: formatDateTime(r.runAt, lng) });
  return (
    <Page title={t("runs.title")} wide>
      <CentrePicker scope={scope} />
      <Refusal error={scope.error ?? error} />
      <section aria-labelledby="runs-run" aria-busy={running}>
        <h2 id="runs-run">{t("runs.runHeading")}</h2>
        <p>{t("runs.explain")}</p>
        <div className="actions">
          <button
            type="button"
            className="button"
            onClick={() => void run()}
            disabled={running || !call || centre === null}
          >
            {running ? t("runs.running") : t("runs.run")}
          </button>
        </div>
        {running && (
          <div role="status" className="run-progress">
            <progress aria-label={t("runs.running")} />
            <span>{t("runs.running")}</span>
          </div>
        )}
        {done && (
          <p className="alert alert-success" role="status">
            {t("runs.done", { seq: done.seq, hash: done.inputSha256.slice(0, 12) })}
          </p>
        )}
        <Refusal error={runError} />
      </section>
      <section aria-labelledby="runs-list">
        <h2 id="runs-list">{t("runs.listHeading")}</h2>
        {loading && <Loading />}
        {data && runs.length === 0 && <p>{t("runs.none")}</p>}
        {runs.length > 0 && (
          <ScrollBox label={t("runs.listHeading")}>
            <table className="compact stack">
              <thead>
                <tr>
                  <th scope="col">{t("runs.seq")}</th>
                  <th scope="col">{t("runs.when")}</th>
                  <th scope="col">{t("runs.who")}</th>
                  <th scope="col">{t("runs.hash")}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((r) => (
                  <tr key={r.id}>
                    <th scope="row" data-label={t("runs.seq")}>
                      {r.seq}
                    </th>
                    <td data-label={t("runs.when")}>{formatDateTime(r.runAt, lng)}</td>
                    <td data-label={t("runs.who")}>
                      {user !== null && r.runBy.userId === user.id ? t("runs.you") : r.runBy.label}
                    </td>
                    <td data-label={t("runs.hash")}>
                      <code className="hash">{r.inputSha256}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollBox>
        )}
      </section>
      {runs.length > 1 && (
        <section aria-labelledby="runs-compare">
          <h2 id="runs-compare">{t("runs.compareHeading")}</h2>
          <form className="form-inline" onSubmit={(event) => void compare(event)}>
            <div className="field">
              <label htmlFor="run-from">{t("runs.from")}</label>
              <select id="run-from" value={from} onChange={(e) => setFrom(e.target.value)}>
                {runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {label(r)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="run-to">{t("runs.to")}</label>
              <select id="run-to" value={to} onChange={(e) => setTo(e.target.value)}>
                {runs.map((r) => (
                  <option key={r.id} value={r.id}>
                    {label(r)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={comparing || from === to} aria-busy={comparing}>
              {t("runs.compare")}
            </button>
          </form>
          <Refusal error={compareError} />
          {changes && <Moves changes={changes} names={names ?? new Map()} />}
        </section>
      )}
    </Page>
  );
}
