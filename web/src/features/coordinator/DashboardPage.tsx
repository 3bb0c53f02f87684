// The call's dashboard for a centre: applications by status, demand against places (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function DashboardPage() {
  const { t } = useTranslation();
  return <Page title={t("dashboard.title")}>{null}</Page>;
}
