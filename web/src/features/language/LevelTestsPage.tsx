// The language service records level-test results (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function LevelTestsPage() {
  const { t } = useTranslation();
  return <Page title={t("levelTests.title")}>{null}</Page>;
}
