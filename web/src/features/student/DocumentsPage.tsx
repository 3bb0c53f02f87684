// The student's certificates: uploads with progress, their review status (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function DocumentsPage() {
  const { t } = useTranslation();
  return <Page title={t("documents.title")}>{null}</Page>;
}
