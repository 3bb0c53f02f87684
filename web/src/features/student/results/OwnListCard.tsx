// The student's own full view of a published list: rank, every score component, the award with
// destination, months and grant, or the substitute positions per choice, and why a choice or the
// whole application is out — every reason in words.
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n/index.ts";
import { countryName, formatDateTime, formatEuros, formatNumber } from "../../../lib/format.ts";
import { Link } from "../../../lib/router.tsx";
import type { OwnListView } from "./types.ts";

export interface AgreementName {
  partner: string;
  country: string;
}

export function destinationName(
  t: ReturnType<typeof useTranslation>["t"],
  lng: string,
  agreements: ReadonlyMap<string, AgreementName>,
  agreementId: string,
): string {
  const found = agreements.get(agreementId);
  if (!found) return agreementId;
  return t("results.destination", { partner: found.partner, country: countryName(found.country, lng) });
}

const BADGE = { awarded: "badge-awarded", substitute: "badge-substitute", excluded: "badge-excluded" };

export function OwnListCard({
  list,
  agreements,
  headingId,
}: {
  list: OwnListView;
  agreements: ReadonlyMap<string, AgreementName>;
  headingId: string;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const { result, substitutePositions, destinations } = list.view;
  const name = (agreementId: string) => destinationName(t, lng, agreements, agreementId);
  const places = new Map(destinations.map((d) => [d.agreementId, d]));
  return (
    <section className="result-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(`results.listTitle.${list.kind}`, { centre: list.centre })}</h3>
      <p className="muted">
        {t("results.publishedAt", { at: formatDateTime(list.publishedAt, lng) })}{" "}
        <Link href={`/lists/${encodeURIComponent(list.id)}`}>{t("results.seePublic")}</Link>
      </p>
      <dl className="facts">
        <dt>{t("results.status")}</dt>
        <dd>
          <span className={`badge ${BADGE[result.status]}`} data-testid={`status-${list.kind}`}>
            {t(`outcome.statuses.${result.status}`)}
          </span>
        </dd>
        <dt>{t("results.maskedId")}</dt>
        <dd>
          <code>{list.maskedId}</code>
        </dd>
        {result.rank !== null && (
          <>
            <dt>{t("results.rank")}</dt>
            <dd data-testid={`rank-${list.kind}`}>{result.rank}</dd>
          </>
        )}
        {result.score && (
          <>
            <dt>{t("results.weightedGrade")}</dt>
            <dd>{formatNumber(result.score.weightedGrade, lng)}</dd>
            <dt>{t("results.language")}</dt>
            <dd>{formatNumber(result.score.language, lng)}</dd>
            <dt>{t("results.activities")}</dt>
            <dd>{formatNumber(result.score.activities, lng)}</dd>
            <dt>{t("results.total")}</dt>
            <dd className="strong">{formatNumber(result.score.total, lng)}</dd>
          </>
        )}
      </dl>

      {result.award && (
        <div className="alert alert-success">
          <p className="strong">{t("results.awardTitle", { destination: name(result.award.agreementId) })}</p>
          <p>
            {t("results.awardDetail", {
              choice: result.award.choice,
              months: formatNumber(result.award.months, lng),
              funded: formatNumber(result.award.fundedMonths, lng),
              monthly: formatEuros(result.award.monthlyEur, lng),
              grant: formatEuros(result.award.grantEstimateEur, lng),
            })}
          </p>
        </div>
      )}
      {result.languageCourseRequired && <p>{t("results.languageCourse")}</p>}

      {substitutePositions.length > 0 && (
        <>
          <h4>{t("results.substituteTitle")}</h4>
          <ul>
            {substitutePositions.map((p) => (
              <li key={p.agreementId}>
                {t("results.substitutePosition", { position: p.position, destination: name(p.agreementId) })}
              </li>
            ))}
          </ul>
        </>
      )}

      {result.exclusions.length > 0 && (
        <div className="alert alert-error">
          <p className="strong">{t("results.excludedTitle")}</p>
          <ul>
            {result.exclusions.map((code) => (
              <li key={code}>{t(`exclusions.${code}`, { defaultValue: code })}</li>
            ))}
          </ul>
        </div>
      )}

      {result.choices.length > 0 && (
        <>
          <h4>{t("results.choicesTitle")}</h4>
          <ol className="item-list">
            {result.choices.map((choice, index) => {
              const demand = places.get(choice.agreementId);
              return (
                <li key={choice.agreementId}>
                  <p className="strong">
                    {t("results.choiceN", { n: index + 1, destination: name(choice.agreementId) })}
                  </p>
                  {demand && (
                    <p className="muted">
                      {t("results.demand", {
                        places: demand.places,
                        awarded: demand.awarded,
                        substitutes: demand.substitutes,
                      })}
                    </p>
                  )}
                  {choice.eligible ? (
                    <p>
                      {choice.total !== null
                        ? t("results.choiceEligibleScore", { total: formatNumber(choice.total, lng) })
                        : t("results.choiceEligible")}
                    </p>
                  ) : (
                    <>
                      <p>{t("results.choiceNotEligible")}</p>
                      <ul>
                        {choice.reasons.map((code) => (
                          <li key={code}>{t(`choiceReasons.${code}`, { defaultValue: code })}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}
