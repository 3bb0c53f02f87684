// Application review: the documents beside the data, verify or reject with a reason (issue 5).
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";

export default function ReviewPage({ studentId }: { studentId?: string }) {
  void studentId;
  const { t } = useTranslation();
  return <Page title={t("review.title")}>{null}</Page>;
}
