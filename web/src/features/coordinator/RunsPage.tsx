// Scoring and award runs with progress and the differences between runs (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function RunsPage() {
  const { t } = useTranslation();
  return <Page title={t("runs.title")}>{null}</Page>;
}
