// The published lists, pseudonymised, searchable by masked id (issue 5). /lists: every list of the
// current call per centre and kind (superseded ones marked, with the reason); /lists/:listId: one
// list's table. Public: no sign-in.
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../i18n/index.ts";
import { api, query } from "../../lib/api.ts";
import { currentCall } from "../../lib/calls.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { formatDateTime } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { Link } from "../../lib/router.tsx";
import type { Centre } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";
import type { PublicationSummary, PublicList } from "../student/results/types.ts";
import { ListIndex } from "./lists/ListIndex.tsx";
import { ListTable } from "./lists/ListTable.tsx";
import "./lists/lists.css";

function centreLabel(centres: Centre[], code: string, lng: string): string {
  const found = centres.find((c) => c.code === code);
  return found ? (lng === "en" && found.nameEn ? found.nameEn : found.name) : code;
}

function AllLists() {
  const { t } = useTranslation();
  const { data, error, loading } = useLoad(async () => {
    const call = await currentCall();
    if (call === null) return null;
    const [lists, centres] = await Promise.all([
      api.get<{ items: PublicationSummary[] }>(`/api/calls/${encodeURIComponent(call.id)}/lists`),
      api.get<{ items: Centre[] }>("/api/centres"),
    ]);
    return { lists: lists.items, centres: centres.items };
  }, []);
  let body: ReactNode;
  if (loading) body = <Loading />;
  else if (error) body = <ErrorMessage error={error} />;
  else if (!data) body = <p>{t("publicLists.noCall")}</p>;
  else body = <ListIndex lists={data.lists} centres={data.centres} />;
  return (
    <Page title={t("publicLists.title")}>
      <p className="lead">{t("publicLists.lead")}</p>
      {body}
    </Page>
  );
}

function OneList({ listId }: { listId: string }) {
  const { t } = useTranslation();
  const [q, setQ] = useState("");
  const { data, error, loading } = useLoad(async () => {
    const call = await currentCall();
    if (call === null) return null;
    const [list, centres] = await Promise.all([
      api.get<PublicList>(
        `/api/calls/${encodeURIComponent(call.id)}/lists/${encodeURIComponent(listId)}${query({ q })}`,
      ),
      api.get<{ items: Centre[] }>("/api/centres"),
    ]);
    return { list, centres: centres.items };
  }, [listId, q]);

  const title = data
    ? t("publicLists.listTitle", {
        kind: t(`publicLists.kind.${data.list.kind}`),
        centre: centreLabel(data.centres, data.list.centre, currentLanguage()),
      })
    : t("publicLists.title");
  let body: ReactNode;
  if (loading && data === undefined) body = <Loading />;
  else if (error) body = <ErrorMessage error={error} />;
  else if (!data) body = <p>{t("publicLists.noCall")}</p>;
  else
    body = (
      <>
        <p className="muted">
          {t("publicLists.publishedAt", { at: formatDateTime(data.list.publishedAt, currentLanguage()) })}
        </p>
        {data.list.reason && <p>{t("publicLists.correctionReason", { reason: data.list.reason })}</p>}
        <p className="hint">{t("publicLists.privacy")}</p>
        <ListTable
          list={data.list}
          query={q}
          onSearch={setQ}
          centreName={centreLabel(data.centres, data.list.centre, currentLanguage())}
        />
      </>
    );
  return (
    <Page title={title} wide>
      <p>
        <Link href="/lists">{t("publicLists.back")}</Link>
      </p>
      {body}
    </Page>
  );
}

export default function PublishedListsPage({ listId }: { listId?: string }) {
  return listId ? <OneList listId={listId} /> : <AllLists />;
}
