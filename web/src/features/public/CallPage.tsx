// The call's information page (public): the calendar in Madrid time, a countdown to the deadline,
// the rules in brief and the grants by country group.
import { useTranslation } from "react-i18next";
import { currentCall } from "../../lib/calls.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { countryName, formatDateTime, formatEuros, formatNumber } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { CALENDAR_FIELDS, type Call } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";
import { Countdown } from "./Countdown.tsx";

export function Calendar({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="calendar-title">
      <h2 id="calendar-title">{t("call.calendar.title")}</h2>
      <p className="muted">{t("call.calendar.madridTime")}</p>
      <dl className="calendar">
        {CALENDAR_FIELDS.map((field) => {
          const value = call.calendar[field];
          if (value === null) return null;
          return (
            <div key={field} className="calendar-row">
              <dt>{t(`call.calendar.${field}`)}</dt>
              <dd>
                <time dateTime={value}>{formatDateTime(value, i18n.language)}</time>
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

export function Rules({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const levels = Object.entries(call.scoring.languagePoints)
    .map(([level, points]) => t("call.rules.levelPoints", { level, points: formatNumber(points ?? 0, lng) }))
    .join(", ");
  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{t("call.rules.title")}</h2>
      <ul className="rules">
        <li>{t("call.rules.enrolled")}</li>
        <li>{t("call.rules.nationality", { count: call.eligibility.programmeCountries.length })}</li>
        <li>
          {t("call.rules.yearOfStudy", {
            year: call.eligibility.minYearOfStudy,
            pct: formatNumber(call.eligibility.minFirstYearCreditsPct, lng),
          })}
        </li>
        <li>{t("call.rules.maxMonths", { months: call.eligibility.maxMonthsPerCycle })}</li>
        <li>{t("call.rules.duration", { min: call.duration.minMonths, max: call.duration.maxMonths })}</li>
        {call.maxChoices !== null && <li>{t("call.rules.maxChoices", { count: call.maxChoices })}</li>}
        <li>{t("call.rules.score")}</li>
        <li>{t("call.rules.language", { levels })}</li>
        <li>{t("call.rules.activities", { points: formatNumber(call.scoring.activityBonus, lng) })}</li>
        <li>{t("call.rules.award")}</li>
      </ul>
    </section>
  );
}

export function Grants({ call }: { call: Call }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section aria-labelledby="grants-title">
      <h2 id="grants-title">{t("call.grants.title")}</h2>
      <p>{t("call.grants.intro", { months: call.funding.maxFundedMonths })}</p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">{t("call.grants.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("call.grants.group")}</th>
              <th scope="col">{t("call.grants.monthly")}</th>
              <th scope="col">{t("call.grants.countries")}</th>
            </tr>
          </thead>
          <tbody>
            {call.funding.groups.map((group) => (
              <tr key={group.group}>
                <th scope="row">{t("call.grants.groupN", { n: group.group })}</th>
                <td className="number">{formatEuros(group.monthlyEur, lng)}</td>
                <td>
                  {group.countries
                    .map((c) => countryName(c, lng))
                    .sort((a, b) => a.localeCompare(b, lng))
                    .join(", ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted">{t("call.grants.note")}</p>
    </section>
  );
}

export function CallPage({ callId }: { callId?: string | undefined }) {
  const { t } = useTranslation();
  const { data: call, error, loading } = useLoad(() => currentCall(callId), [callId]);
  if (loading) return <Loading />;
  if (error) return <ErrorMessage error={error} />;
  if (!call) {
    return (
      <Page title={t("call.none")}>
        <p>{t("call.noneText")}</p>
      </Page>
    );
  }
  const title = t("call.title", {
    kind: t(`call.kind.${call.kind}`),
    year: call.academicYear,
    round: call.round ?? 1,
  });
  return (
    <Page title={title}>
      <p className="lead">{t("call.lead")}</p>
      <Countdown to={call.calendar.applicationDeadline} label={t("call.countdown.title")} />
      <div className="columns">
        <Calendar call={call} />
        <Rules call={call} />
      </div>
      <Grants call={call} />
    </Page>
  );
}
