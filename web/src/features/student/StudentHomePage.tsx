// The student's home (issue 5): where their application stands, the countdown to the deadline in
// Madrid time, what to do next, penalties from earlier calls, and the call at a glance.
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../lib/errors.tsx";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { Link } from "../../lib/router.tsx";
import { useSession } from "../../lib/session.tsx";
import { useLoad } from "../../lib/use-load.ts";
import { Calendar, Grants, Rules } from "../public/CallPage.tsx";
import { Countdown } from "../public/Countdown.tsx";
import "./apply/apply.css";
import { loadStudentContext, type StudentContext } from "./apply/data.ts";
import { StudentNav } from "./StudentNav.tsx";

function Standing({ context }: { context: StudentContext }) {
  const { t, i18n } = useTranslation();
  const { application, receipt, options } = context;
  const byId = new Map(options.destinations.map((d) => [d.agreement.id, d.agreement]));
  const state =
    receipt !== null ? "validated" : application && application.choices.length > 0 ? "draft" : "none";
  return (
    <section aria-labelledby="standing-title" className="card apply-standing" data-testid="standing">
      <h2 id="standing-title">{t("home.standing.title")}</h2>
      <p>
        <span className={`badge apply-state-${state}`}>{t(`home.standing.${state}`)}</span>
      </p>
      {state === "validated" && receipt && (
        <p>
          {t("home.standing.validatedAt", {
            at: formatDateTime(receipt.validatedAt, i18n.language),
            id: receipt.receiptId,
          })}
        </p>
      )}
      {state === "draft" && application && (
        <p>{t("home.standing.draftCount", { count: application.choices.length })}</p>
      )}
      {application && application.choices.length > 0 && (
        <ol>
          {application.choices.map((id) => (
            <li key={id}>{byId.get(id)?.partner.name ?? id}</li>
          ))}
        </ol>
      )}
      <h3>{t("home.next.title")}</h3>
      <ul>
        {state !== "validated" && (
          <li>
            <Link href="/my/application">
              {t(state === "none" ? "home.next.choose" : "home.next.finish")}
            </Link>
          </li>
        )}
        <li>
          <Link href="/my/documents">{t("home.next.documents")}</Link>
        </li>
        {state === "validated" && (
          <li>
            <Link href="/my/application">{t("home.next.receipt")}</Link>
          </li>
        )}
        <li>
          <Link href="/my/results">{t("home.next.results")}</Link>
        </li>
      </ul>
      {options.exclusions.length > 0 && (
        <div className="alert alert-error">
          <p>{t("apply.exclusions.intro")}</p>
          <ul>
            {options.exclusions.map((code) => (
              <li key={code}>{t(`exclusions.${code}`)}</li>
            ))}
          </ul>
        </div>
      )}
      {options.penalties.length > 0 && (
        <div className="alert apply-warning" data-testid="penalties">
          <p>{t("apply.penalties", { count: options.penalties.length })}</p>
          <ul>
            {options.penalties.map((p) => (
              <li key={p.id}>
                {t("home.penalty", {
                  call: p.callId,
                  agreement: p.agreementId,
                  at: formatDate(p.renouncedAt, i18n.language),
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

export default function StudentHomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { data, error, loading } = useLoad(() => loadStudentContext(user), [user?.id]);
  return (
    <Page title={t("home.title")} wide>
      <StudentNav />
      {loading ? (
        <Loading />
      ) : error ? (
        <ErrorMessage error={error} />
      ) : !data ? (
        <p>{t("apply.noCall")}</p>
      ) : (
        <>
          <p className="lead">{t("home.lead", { name: user?.displayName ?? "" })}</p>
          <div className="apply-columns">
            <Standing context={data} />
            <Countdown to={data.call.calendar.applicationDeadline} label={t("apply.deadline")} />
          </div>
          <h2>{t("home.glance")}</h2>
          <div className="columns">
            <Calendar call={data.call} />
            <Rules call={data.call} />
          </div>
          <Grants call={data.call} />
        </>
      )}
    </Page>
  );
}
