// The office's calls: each with its deadline, and a link to its calendar and settings.
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { Link } from "../../lib/router.tsx";
import type { Call } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";

export default function CallsAdminPage() {
  const { t, i18n } = useTranslation();
  const { data, error, loading } = useLoad(() => api.get<{ items: Call[] }>("/api/calls"), []);
  return (
    <Page title={t("calls.title")}>
      {loading && <Loading />}
      <ErrorMessage error={error} />
      {data && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("calls.id")}</th>
                <th scope="col">{t("calls.year")}</th>
                <th scope="col">{t("calls.kindLabel")}</th>
                <th scope="col">{t("calls.round")}</th>
                <th scope="col">{t("call.calendar.applicationDeadline")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((call) => (
                <tr key={call.id}>
                  <th scope="row">{call.id}</th>
                  <td>{call.academicYear}</td>
                  <td>{t(`call.kind.${call.kind}`)}</td>
                  <td>{call.round ?? "—"}</td>
                  <td>{formatDateTime(call.calendar.applicationDeadline, i18n.language)}</td>
                  <td>
                    <Link href={`/office/calls/${encodeURIComponent(call.id)}`}>
                      {t("calls.edit")}
                      <span className="visually-hidden"> {call.id}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
