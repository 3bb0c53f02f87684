// The first administrator (docs/decisions/0003-security.md): the server logs a one-time link
// /setup?token=…; this page takes the token from it and creates the account, then asks to sign in.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { Loading, Page } from "../../lib/page.tsx";
import { Link, useLocation } from "../../lib/router.tsx";
import { useLoad } from "../../lib/use-load.ts";

/** The server's minimum (src/auth/passwords.ts). */
const MIN_PASSWORD = 12;

export default function SetupPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const token = search.get("token") ?? "";
  const { data, error, loading } = useLoad(() => api.get<{ pending: boolean }>("/api/setup"), []);
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [password, setPassword] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [tooShort, setTooShort] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setFailure(null);
    setTooShort(password.length < MIN_PASSWORD);
    if (password.length < MIN_PASSWORD) return;
    try {
      await api.post("/api/setup", { token, email, displayName, password });
      setDone(true);
    } catch (caught) {
      setFailure(caught);
    }
  }

  if (loading) return <Loading />;
  return (
    <Page title={t("setup.title")}>
      <ErrorMessage error={error} />
      {done || data?.pending === false ? (
        <p role="status">
          {done ? t("setup.done") : t("setup.notPending")} <Link href="/sign-in">{t("auth.signIn")}</Link>
        </p>
      ) : token === "" ? (
        <p>{t("setup.noToken")}</p>
      ) : (
        <form className="form narrow" onSubmit={(event) => void submit(event)} noValidate>
          <p>{t("setup.lead")}</p>
          <ErrorMessage error={failure} />
          <div className="field">
            <label htmlFor="setup-email">{t("auth.email")}</label>
            <input
              id="setup-email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="setup-name">{t("users.name")}</label>
            <input
              id="setup-name"
              required
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
            />
          </div>
          <div className="field">
            <label htmlFor="setup-password">{t("auth.password")}</label>
            <input
              id="setup-password"
              type="password"
              autoComplete="new-password"
              required
              minLength={MIN_PASSWORD}
              aria-describedby="setup-password-hint"
              aria-invalid={tooShort || undefined}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
            <p id="setup-password-hint" className={tooShort ? "field-error" : "hint"}>
              {t("setup.passwordHint", { count: MIN_PASSWORD })}
            </p>
          </div>
          <button type="submit" className="button">
            {t("setup.create")}
          </button>
        </form>
      )}
    </Page>
  );
}
