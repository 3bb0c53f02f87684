// Sign-in: e-mail and password; a refusal is said in words, in the page's language.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../lib/errors.tsx";
import { Page } from "../../lib/page.tsx";
import { navigate, useLocation } from "../../lib/router.tsx";
import { useSession } from "../../lib/session.tsx";
import type { User } from "../../lib/types.ts";

export function homeOf(user: User): string {
  switch (user.role) {
    case "coordinator":
      return "/staff/agreements";
    case "office":
    case "admin":
      return "/office/calls";
    default:
      return "/my";
  }
}

export function SignInPage() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const { path } = useLocation();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(email, password);
      // Stay on the page that asked for a sign-in; from the sign-in page, go to the role's home.
      navigate(path === "/sign-in" ? homeOf(user) : path, { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  return (
    <Page title={t("auth.title")}>
      <form className="form narrow" onSubmit={(event) => void submit(event)} noValidate>
        <ErrorMessage error={error} />
        <div className="field">
          <label htmlFor="email">{t("auth.email")}</label>
          <input
            id="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="password">{t("auth.password")}</label>
          <input
            id="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t("auth.signingIn") : t("auth.signIn")}
        </button>
      </form>
    </Page>
  );
}
