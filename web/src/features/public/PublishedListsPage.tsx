// The published lists, pseudonymised, searchable by masked id (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function PublishedListsPage({ listId }: { listId?: string }) {
  void listId;
  const { t } = useTranslation();
  return <Page title={t("publicLists.title")}>{null}</Page>;
}
