// A placeholder for the student portal and the other roles' areas: the application workflow API
// (issue 4) is being built; the pages come with it.
import { useTranslation } from "react-i18next";
import { Page } from "../../lib/page.tsx";
import { Link } from "../../lib/router.tsx";
import { useSession } from "../../lib/session.tsx";

export function ComingSoonPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  return (
    <Page title={t("my.title", { name: user?.displayName ?? "" })}>
      <p className="lead">{t("my.soon")}</p>
      <p>
        <Link href="/">{t("my.seeCall")}</Link>
      </p>
    </Page>
  );
}
