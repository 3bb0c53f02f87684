// People and their roles (administrators): list, add (the initial passphrase is shown once),
// deactivate or reactivate.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, query } from "../../lib/api.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { Loading, Page } from "../../lib/page.tsx";
import { ROLES, type Role, type User } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";

interface UsersPage {
  items: User[];
  next: string | null;
}

function NewUser({ onCreated }: { onCreated: () => void }) {
  const { t } = useTranslation();
  const [email, setEmail] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [role, setRole] = useState<Role>("coordinator");
  const [centre, setCentre] = useState("");
  const [studentId, setStudentId] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setCreated(null);
    try {
      const answer = await api.post<{ user: User; initialPassword?: string }>("/api/users", {
        email,
        displayName,
        role,
        centre: centre.trim() === "" ? null : centre.trim(),
        studentId: studentId.trim() === "" ? null : studentId.trim(),
      });
      setCreated({ email: answer.user.email, password: answer.initialPassword ?? "" });
      setEmail("");
      setDisplayName("");
      onCreated();
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <form className="form" onSubmit={(event) => void submit(event)}>
      <h2>{t("users.add")}</h2>
      <div className="grid-fields">
        <div className="field">
          <label htmlFor="user-email">{t("auth.email")}</label>
          <input
            id="user-email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="user-name">{t("users.name")}</label>
          <input
            id="user-name"
            required
            value={displayName}
            onChange={(e) => setDisplayName(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="user-role">{t("users.role")}</label>
          <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="user-centre">{t("users.centreField")}</label>
          <input id="user-centre" value={centre} onChange={(e) => setCentre(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="user-student">{t("users.studentId")}</label>
          <input id="user-student" value={studentId} onChange={(e) => setStudentId(e.target.value)} />
        </div>
      </div>
      <ErrorMessage error={error} />
      {created && (
        <p className="alert alert-success" role="status">
          {t("users.created", { email: created.email })} <code>{created.password}</code>
        </p>
      )}
      <button type="submit" className="button">
        {t("users.add")}
      </button>
    </form>
  );
}

export default function UsersAdminPage() {
  const { t } = useTranslation();
  const [after, setAfter] = useState<string | undefined>(undefined);
  const [actionError, setActionError] = useState<unknown>(null);
  const { data, error, loading, reload } = useLoad(
    () => api.get<UsersPage>(`/api/users${query({ after, limit: 50 })}`),
    [after],
  );
  async function setActive(user: User, active: boolean) {
    setActionError(null);
    try {
      await api.patch(`/api/users/${encodeURIComponent(user.id)}`, { active });
      reload();
    } catch (failure) {
      setActionError(failure);
    }
  }
  return (
    <Page title={t("users.title")} wide>
      {loading && <Loading />}
      <ErrorMessage error={error ?? actionError} />
      {data && (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("auth.email")}</th>
                <th scope="col">{t("users.name")}</th>
                <th scope="col">{t("users.role")}</th>
                <th scope="col">{t("users.centre")}</th>
                <th scope="col">{t("users.status")}</th>
                <th scope="col">
                  <span className="visually-hidden">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.email}</th>
                  <td>{user.displayName}</td>
                  <td>{t(`roles.${user.role}`)}</td>
                  <td>{user.centre ?? user.studentId ?? "—"}</td>
                  <td>{user.active ? t("users.active") : t("users.inactive")}</td>
                  <td>
                    <button
                      type="button"
                      className="button-small"
                      onClick={() => void setActive(user, !user.active)}
                    >
                      {user.active ? t("users.deactivate") : t("users.activate")}
                      <span className="visually-hidden"> {user.email}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data?.next && (
        <button type="button" onClick={() => setAfter(data.next ?? undefined)}>
          {t("common.more")}
        </button>
      )}
      <NewUser onCreated={reload} />
    </Page>
  );
}
