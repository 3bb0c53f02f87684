// The Schools and Faculties (public).
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { Loading, Page } from "../../lib/page.tsx";
import type { Centre } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";

export const centreName = (centre: Centre, language: string): string =>
  language === "en" && centre.nameEn ? centre.nameEn : centre.name;

export function CentresPage() {
  const { t, i18n } = useTranslation();
  const { data, error, loading } = useLoad(() => api.get<{ items: Centre[] }>("/api/centres"), []);
  return (
    <Page title={t("centres.title")}>
      <p className="lead">{t("centres.lead")}</p>
      {loading && <Loading />}
      <ErrorMessage error={error} />
      {data && (
        <ul className="cards">
          {data.items.map((centre) => (
            <li key={centre.code} className="card">
              <h2 className="card-title">{centreName(centre, i18n.language)}</h2>
              <p className="muted">{centre.code}</p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
