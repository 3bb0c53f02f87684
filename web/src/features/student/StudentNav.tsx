// The student's own area: one navigation across its pages (home, destinations, documents, results).
import { useTranslation } from "react-i18next";
import { Link } from "../../lib/router.tsx";
import "./apply/apply.css";

const ITEMS = [
  { href: "/my", label: "apply.nav.home" },
  { href: "/my/application", label: "apply.nav.application" },
  { href: "/my/documents", label: "apply.nav.documents" },
  { href: "/my/results", label: "apply.nav.results" },
] as const;

export function StudentNav() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t("apply.nav.label")} className="sub-nav">
      <ul>
        {ITEMS.map((item) => (
          <li key={item.href}>
            <Link href={item.href}>{t(item.label)}</Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
