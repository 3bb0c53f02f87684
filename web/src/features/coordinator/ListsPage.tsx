// Publishing the provisional and definitive lists (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function ListsPage() {
  const { t } = useTranslation();
  return <Page title={t("staffLists.title")}>{null}</Page>;
}
