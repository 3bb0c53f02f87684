// Every page: one <h1>, and the document's title naming it (WCAG 2.4.2).
import { type ReactNode, useEffect } from "react";
import { useTranslation } from "react-i18next";

export function Page({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t("app.name")}`;
  }, [title, t]);
  return (
    <div className={wide ? "page page-wide" : "page"}>
      <h1>{title}</h1>
      {children}
    </div>
  );
}

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="muted" role="status">
      {t("common.loading")}
    </p>
  );
}
