// The audit log (office): who changed what, when, newest first, a page at a time.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { formatShortDateTime } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import type { AuditPage } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";

/** Every leaf of a record by its path ("funding.groups.2.monthlyEur"), as text. */
function leaves(value: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
  if (value !== null && typeof value === "object") {
    for (const [key, inner] of Object.entries(value))
      leaves(inner, prefix === "" ? key : `${prefix}.${key}`, out);
  } else if (value !== undefined) {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

const MAX_CHANGES = 12;

/** What changed, field by field: "path: before → after" (a creation lists what was set). */
export function changes(before: unknown, after: unknown): string[] {
  const a = leaves(before);
  const b = leaves(after);
  const lines: string[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    const from = a.get(path);
    const to = b.get(path);
    if (from === to) continue;
    lines.push(`${path}: ${from ?? "—"} → ${to ?? "—"}`);
  }
  return lines.length > MAX_CHANGES ? [...lines.slice(0, MAX_CHANGES), "…"] : lines;
}

export default function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const [entityType, setEntityType] = useState("");
  const [before, setBefore] = useState<number | undefined>(undefined);
  const { data, error, loading } = useLoad(
    () => api.get<AuditPage>(`/api/audit${query({ entityType, before, limit: 50 })}`),
    [entityType, before],
  );
  return (
    <Page title={t("audit.title")} wide>
      <div className="field narrow">
        <label htmlFor="entity-type">{t("audit.entityType")}</label>
        <select
          id="entity-type"
          value={entityType}
          onChange={(event) => {
            setEntityType(event.target.value);
            setBefore(undefined);
          }}
        >
          <option value="">{t("common.all")}</option>
          {["call", "centre", "degree", "agreement", "student", "user", "session"].map((type) => (
            <option key={type} value={type}>
              {t(`audit.entity.${type}`)}
            </option>
          ))}
        </select>
      </div>
      {loading && <Loading />}
      <ErrorMessage error={error} />
      {data && (
        <>
          <div className="table-scroll">
            <table className="compact">
              <thead>
                <tr>
                  <th scope="col">{t("audit.at")}</th>
                  <th scope="col">{t("audit.actor")}</th>
                  <th scope="col">{t("audit.action")}</th>
                  <th scope="col">{t("audit.entity.label")}</th>
                  <th scope="col">{t("audit.changes")}</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((record) => (
                  <tr key={record.id}>
                    <td>{formatShortDateTime(record.at, i18n.language)}</td>
                    <td>
                      {record.actor.role
                        ? t(`roles.${record.actor.role}`, { defaultValue: record.actor.role })
                        : ""}{" "}
                      <span className="muted">{record.actor.label}</span>
                    </td>
                    <td>
                      {t(`audit.actions.${record.action}`, { defaultValue: record.action })}
                      <code className="muted block">{record.action}</code>
                    </td>
                    <td>
                      {t(`audit.entity.${record.entityType}`, { defaultValue: record.entityType })}{" "}
                      <code>{record.entityId}</code>
                    </td>
                    <td className="json">
                      <ul className="changes">
                        {changes(record.before, record.after).map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {data.items.length === 0 && <p>{t("common.empty")}</p>}
          <div className="pager">
            {before !== undefined && (
              <button type="button" onClick={() => setBefore(undefined)}>
                {t("common.newest")}
              </button>
            )}
            {data.next !== null && (
              <button type="button" onClick={() => setBefore(data.next ?? undefined)}>
                {t("common.older")}
              </button>
            )}
          </div>
        </>
      )}
    </Page>
  );
}
