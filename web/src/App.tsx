// The shell: skip link, header with the language switch and the session, navigation for the
// signed-in role, and the page. Back-office pages load on demand (React.lazy) so the first load
// stays small for students and the public.
import { lazy, type ReactNode, Suspense, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { SignInPage } from "./features/auth/SignInPage.tsx";
import { CallPage } from "./features/public/CallPage.tsx";
import { CentresPage } from "./features/public/CentresPage.tsx";
import { ComingSoonPage } from "./features/student/ComingSoonPage.tsx";
import { changeLanguage, currentLanguage, LANGUAGES } from "./i18n/index.ts";
import { Loading, Page } from "./lib/page.tsx";
import { Link, match, navigate, RouterProvider, useLocation } from "./lib/router.tsx";
import { SessionProvider, useSession } from "./lib/session.tsx";
import type { Role, User } from "./lib/types.ts";

const CallsAdminPage = lazy(() => import("./features/office/CallsAdminPage.tsx"));
const CallEditPage = lazy(() => import("./features/office/CallEditPage.tsx"));
const CentresAdminPage = lazy(() => import("./features/office/CentresAdminPage.tsx"));
const AuditPage = lazy(() => import("./features/office/AuditPage.tsx"));
const UsersPage = lazy(() => import("./features/office/UsersPage.tsx"));
const AgreementsPage = lazy(() => import("./features/coordinator/AgreementsPage.tsx"));
const ImportPage = lazy(() => import("./features/coordinator/ImportPage.tsx"));
const OutcomePage = lazy(() => import("./features/coordinator/OutcomePage.tsx"));
const SetupPage = lazy(() => import("./features/setup/SetupPage.tsx"));
const StudentHomePage = lazy(() => import("./features/student/StudentHomePage.tsx"));
const ApplicationPage = lazy(() => import("./features/student/ApplicationPage.tsx"));
const DocumentsPage = lazy(() => import("./features/student/DocumentsPage.tsx"));
const ResultsPage = lazy(() => import("./features/student/ResultsPage.tsx"));
const PublishedListsPage = lazy(() => import("./features/public/PublishedListsPage.tsx"));
const DashboardPage = lazy(() => import("./features/coordinator/DashboardPage.tsx"));
const ReviewPage = lazy(() => import("./features/coordinator/ReviewPage.tsx"));
const RunsPage = lazy(() => import("./features/coordinator/RunsPage.tsx"));
const StaffListsPage = lazy(() => import("./features/coordinator/ListsPage.tsx"));
const ClaimsPage = lazy(() => import("./features/coordinator/ClaimsPage.tsx"));
const LevelTestsPage = lazy(() => import("./features/language/LevelTestsPage.tsx"));
const ListExportsPage = lazy(() => import("./features/office/ListExportsPage.tsx"));
const StatisticsPage = lazy(() => import("./features/office/StatisticsPage.tsx"));

interface Route {
  path: string;
  /** Who may open it; absent: everyone. */
  roles?: readonly Role[];
  render: (params: Record<string, string>) => ReactNode;
}

const OFFICE: readonly Role[] = ["office", "admin"];
const CENTRE_STAFF: readonly Role[] = ["coordinator", "office", "admin"];
const STUDENT: readonly Role[] = ["student"];

/** A student's own area; the other roles with a personal area (incoming, mentor) come later. */
function MyArea() {
  const { user } = useSession();
  return user?.role === "student" ? <StudentHomePage /> : <ComingSoonPage />;
}

const ROUTES: Route[] = [
  { path: "/", render: () => <CallPage /> },
  { path: "/calls/:callId", render: (p) => <CallPage callId={p.callId} /> },
  { path: "/centres", render: () => <CentresPage /> },
  { path: "/sign-in", render: () => <SignInPage /> },
  { path: "/setup", render: () => <SetupPage /> },
  { path: "/lists", render: () => <PublishedListsPage /> },
  { path: "/lists/:listId", render: (p) => <PublishedListsPage listId={p.listId} /> },
  { path: "/my", roles: ["student", "incoming", "mentor"], render: () => <MyArea /> },
  { path: "/my/application", roles: STUDENT, render: () => <ApplicationPage /> },
  { path: "/my/documents", roles: STUDENT, render: () => <DocumentsPage /> },
  { path: "/my/results", roles: STUDENT, render: () => <ResultsPage /> },
  { path: "/language", roles: ["language-service", "office", "admin"], render: () => <LevelTestsPage /> },
  { path: "/staff", roles: CENTRE_STAFF, render: () => <DashboardPage /> },
  { path: "/staff/applications", roles: CENTRE_STAFF, render: () => <ReviewPage /> },
  {
    path: "/staff/applications/:studentId",
    roles: CENTRE_STAFF,
    render: (p) => <ReviewPage studentId={p.studentId} />,
  },
  { path: "/staff/runs", roles: CENTRE_STAFF, render: () => <RunsPage /> },
  { path: "/staff/lists", roles: CENTRE_STAFF, render: () => <StaffListsPage /> },
  { path: "/staff/claims", roles: CENTRE_STAFF, render: () => <ClaimsPage /> },
  { path: "/office/lists", roles: OFFICE, render: () => <ListExportsPage /> },
  { path: "/office/statistics", roles: OFFICE, render: () => <StatisticsPage /> },
  { path: "/office/calls", roles: OFFICE, render: () => <CallsAdminPage /> },
  { path: "/office/calls/:callId", roles: OFFICE, render: (p) => <CallEditPage callId={p.callId ?? ""} /> },
  { path: "/office/centres", roles: OFFICE, render: () => <CentresAdminPage /> },
  { path: "/office/audit", roles: OFFICE, render: () => <AuditPage /> },
  { path: "/admin/users", roles: ["admin"], render: () => <UsersPage /> },
  { path: "/staff/agreements", roles: CENTRE_STAFF, render: () => <AgreementsPage /> },
  { path: "/staff/import", roles: CENTRE_STAFF, render: () => <ImportPage /> },
  { path: "/staff/outcome", roles: CENTRE_STAFF, render: () => <OutcomePage /> },
];

interface NavItem {
  href: string;
  label: string;
}

function navFor(user: User | null): NavItem[] {
  const items: NavItem[] = [
    { href: "/", label: "nav.call" },
    { href: "/centres", label: "nav.centres" },
    { href: "/lists", label: "nav.publicLists" },
  ];
  if (user === null) return items;
  if (["student", "incoming", "mentor"].includes(user.role)) items.push({ href: "/my", label: "nav.my" });
  if (["language-service", "office", "admin"].includes(user.role))
    items.push({ href: "/language", label: "nav.levelTests" });
  if (CENTRE_STAFF.includes(user.role)) {
    items.push(
      { href: "/staff", label: "nav.dashboard" },
      { href: "/staff/applications", label: "nav.applications" },
      { href: "/staff/agreements", label: "nav.agreements" },
      { href: "/staff/import", label: "nav.import" },
      { href: "/staff/runs", label: "nav.runs" },
      { href: "/staff/lists", label: "nav.lists" },
      { href: "/staff/claims", label: "nav.claims" },
      { href: "/staff/outcome", label: "nav.outcome" },
    );
  }
  if (OFFICE.includes(user.role)) {
    items.push(
      { href: "/office/calls", label: "nav.calls" },
      { href: "/office/centres", label: "nav.centresAdmin" },
      { href: "/office/lists", label: "nav.exports" },
      { href: "/office/statistics", label: "nav.statistics" },
      { href: "/office/audit", label: "nav.audit" },
    );
  }
  if (user.role === "admin") items.push({ href: "/admin/users", label: "nav.users" });
  return items;
}

function LanguageSwitch() {
  const { t } = useTranslation();
  const language = currentLanguage();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t("language.choose")}</legend>
      {LANGUAGES.map((lng) => (
        <button
          key={lng}
          type="button"
          lang={lng}
          aria-pressed={language === lng}
          onClick={() => void changeLanguage(lng)}
        >
          {t(`language.${lng}`)}
        </button>
      ))}
    </fieldset>
  );
}

function SessionBox() {
  const { t } = useTranslation();
  const { user, signOut } = useSession();
  if (user === null) {
    return (
      <Link href="/sign-in" className="button button-small">
        {t("auth.signIn")}
      </Link>
    );
  }
  return (
    <div className="session-box">
      <span className="who">
        <span className="who-name">{user.displayName}</span>{" "}
        <span className="muted">
          ({t(`roles.${user.role}`)}
          {user.centre ? ` · ${user.centre}` : ""})
        </span>
      </span>
      <button
        type="button"
        className="button-small"
        onClick={() => {
          void signOut().then(() => navigate("/"));
        }}
      >
        {t("auth.signOut")}
      </button>
    </div>
  );
}

function Routed() {
  const { t } = useTranslation();
  const { path } = useLocation();
  const { user, loading } = useSession();
  for (const route of ROUTES) {
    const params = match(route.path, path);
    if (params === null) continue;
    if (route.roles !== undefined) {
      if (loading) return <Loading />;
      if (user === null) return <SignInPage />;
      if (!route.roles.includes(user.role)) {
        return (
          <Page title={t("errors.FORBIDDEN")}>
            <p>{t("pages.forbidden")}</p>
          </Page>
        );
      }
    }
    return <Suspense fallback={<Loading />}>{route.render(params)}</Suspense>;
  }
  return (
    <Page title={t("pages.notFound")}>
      <p>
        <Link href="/">{t("pages.backHome")}</Link>
      </p>
    </Page>
  );
}

function Shell() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { path } = useLocation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After a navigation, focus goes to the page's content, as after a page load (WCAG 2.4.3).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus();
    window.scrollTo(0, 0);
  }, [path]);
  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link href="/" className="brand">
            <span className="brand-name">{t("app.name")}</span>
            <span className="brand-tagline">{t("app.tagline")}</span>
          </Link>
          <div className="header-tools">
            <LanguageSwitch />
            <SessionBox />
          </div>
        </div>
        <nav aria-label={t("nav.label")} className="site-nav">
          <ul>
            {navFor(user).map((item) => (
              <li key={item.href}>
                <Link href={item.href}>{t(item.label)}</Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Routed />
      </main>
      <footer className="site-footer">
        <p>{t("app.footer")}</p>
      </footer>
    </>
  );
}

export function App() {
  return (
    <RouterProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </RouterProvider>
  );
}
