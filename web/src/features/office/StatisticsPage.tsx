// Statistics with charts: aggregates only (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function StatisticsPage() {
  const { t } = useTranslation();
  return <Page title={t("statistics.title")}>{null}</Page>;
}
