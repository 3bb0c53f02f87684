// Resolving claims against the provisional list (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function ClaimsPage() {
  const { t } = useTranslation();
  return <Page title={t("claimsAdmin.title")}>{null}</Page>;
}
