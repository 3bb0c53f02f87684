// After the lists: rank, award or substitute positions, claims, accept or renounce (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function ResultsPage() {
  const { t } = useTranslation();
  return <Page title={t("results.title")}>{null}</Page>;
}
