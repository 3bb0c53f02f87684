// The destinations of the student's centre: those open to them as cards, with filters (country,
// language, months, places), each with a button to add it to (or take it off) the ranked list;
// the others apart, each with why not, in words.
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { countryName, formatEuros, languageName } from "../../../lib/format.ts";
import type { Call } from "../../../lib/types.ts";
import { type Destination, monthlyGrant } from "./data.ts";
import { reasonText } from "./words.ts";

interface Filters {
  country: string;
  language: string;
  months: string;
  places: string;
}

const NO_FILTERS: Filters = { country: "", language: "", months: "", places: "" };

function passes(d: Destination, f: Filters): boolean {
  const a = d.agreement;
  if (f.country !== "" && a.partner.country !== f.country) return false;
  if (f.language !== "" && !(a.languageRequirement?.options ?? []).some((o) => o.language === f.language))
    return false;
  if (f.months !== "" && a.months !== Number(f.months)) return false;
  if (f.places !== "" && a.places < Number(f.places)) return false;
  return true;
}

const unique = <T,>(values: T[]) => [...new Set(values)];

export function Destinations({
  call,
  destinations,
  chosen,
  full,
  readOnly,
  onToggle,
}: {
  call: Call;
  destinations: Destination[];
  chosen: readonly string[];
  full: boolean;
  readOnly: boolean;
  onToggle: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const id = useId();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const choices = useMemo(() => {
    const all = destinations.map((d) => d.agreement);
    return {
      country: unique(all.map((a) => a.partner.country))
        .map((c) => ({ value: c, label: countryName(c, lng) }))
        .sort((a, b) => a.label.localeCompare(b.label, lng)),
      language: unique(all.flatMap((a) => (a.languageRequirement?.options ?? []).map((o) => o.language)))
        .map((l) => ({ value: l, label: languageName(l, lng) }))
        .sort((a, b) => a.label.localeCompare(b.label, lng)),
      months: unique(all.map((a) => a.months))
        .sort((a, b) => a - b)
        .map((m) => ({ value: String(m), label: t("apply.destinations.monthsN", { count: m }) })),
      places: unique(all.map((a) => a.places))
        .filter((p) => p > 0)
        .sort((a, b) => a - b)
        .map((p) => ({ value: String(p), label: t("apply.destinations.placesAtLeast", { count: p }) })),
    };
  }, [destinations, lng, t]);
  const shown = destinations.filter((d) => passes(d, filters));
  const open = shown.filter((d) => d.eligible);
  const closed = shown.filter((d) => !d.eligible);
  const filtered = filters !== NO_FILTERS;

  const select = (name: keyof Filters) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{t(`apply.filters.${name}`)}</label>
      <select
        id={`${id}-${name}`}
        value={filters[name]}
        onChange={(e) => setFilters({ ...filters, [name]: e.target.value })}
      >
        <option value="">{t("apply.filters.any")}</option>
        {choices[name].map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section aria-labelledby={`${id}-title`} className="apply-destinations">
      <h2 id={`${id}-title`}>{t("apply.destinations.title")}</h2>
      <fieldset className="apply-filters">
        <legend>{t("apply.filters.title")}</legend>
        <div className="apply-filter-fields">
          {select("country")}
          {select("language")}
          {select("months")}
          {select("places")}
        </div>
        {filtered && (
          <button type="button" className="button-small" onClick={() => setFilters(NO_FILTERS)}>
            {t("apply.filters.clear")}
          </button>
        )}
      </fieldset>
      <p role="status" className="muted">
        {t("apply.destinations.shown", { open: open.length, closed: closed.length })}
      </p>

      <h3>{t("apply.destinations.open")}</h3>
      {open.length === 0 ? (
        <p>{t("apply.destinations.noneOpen")}</p>
      ) : (
        <ul className="cards apply-cards" data-testid="open-destinations">
          {open.map((d) => {
            const a = d.agreement;
            const position = chosen.indexOf(a.id);
            const grant = monthlyGrant(call, a.partner.country);
            const langs = (a.languageRequirement?.options ?? [])
              .map((o) => `${languageName(o.language, lng)} ${o.minLevel}`)
              .join(", ");
            return (
              <li key={a.id} className="card apply-card" data-agreement={a.id}>
                <h4 className="card-title">{a.partner.name}</h4>
                <p className="muted">{countryName(a.partner.country, lng)}</p>
                <dl className="apply-facts">
                  <div>
                    <dt>{t("apply.destinations.months")}</dt>
                    <dd>{a.months}</dd>
                  </div>
                  <div>
                    <dt>{t("apply.destinations.places")}</dt>
                    <dd>{a.places}</dd>
                  </div>
                  {langs !== "" && (
                    <div>
                      <dt>{t("apply.destinations.languages")}</dt>
                      <dd>{langs}</dd>
                    </div>
                  )}
                  {grant !== null && (
                    <div>
                      <dt>{t("apply.destinations.grant")}</dt>
                      <dd>{t("apply.destinations.perMonth", { amount: formatEuros(grant, lng) })}</dd>
                    </div>
                  )}
                </dl>
                {a.languageRequirement && !a.languageRequirement.requiredAtApplication && (
                  <p className="hint">{t("apply.destinations.courseIfNot")}</p>
                )}
                {!readOnly &&
                  (position >= 0 ? (
                    <button type="button" className="button-small" onClick={() => onToggle(a.id)}>
                      {t("apply.destinations.chosen", { n: position + 1 })}
                      <span className="visually-hidden"> {a.partner.name}</span>
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="button button-small"
                      disabled={full}
                      onClick={() => onToggle(a.id)}
                    >
                      {t("apply.destinations.add")}
                      <span className="visually-hidden"> {a.partner.name}</span>
                    </button>
                  ))}
              </li>
            );
          })}
        </ul>
      )}

      <h3>{t("apply.destinations.closed")}</h3>
      {closed.length === 0 ? (
        <p>{t("apply.destinations.noneClosed")}</p>
      ) : (
        <ul className="apply-closed" data-testid="closed-destinations">
          {closed.map((d) => (
            <li key={d.agreement.id} data-agreement={d.agreement.id}>
              <strong>{d.agreement.partner.name}</strong> ({countryName(d.agreement.partner.country, lng)}):{" "}
              <span className="apply-why">{d.reasons.map((r) => reasonText(t, r, d, lng)).join("; ")}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
