// The application: destinations open to the student, the ranked list, the score preview, validation (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function ApplicationPage() {
  const { t } = useTranslation();
  return <Page title={t("application.title")}>{null}</Page>;
}
