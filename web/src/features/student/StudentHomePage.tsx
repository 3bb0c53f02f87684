// The student's home: where their application stands and what to do next (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function StudentHomePage() {
  const { t } = useTranslation();
  return <Page title={t("home.title")}>{null}</Page>;
}
