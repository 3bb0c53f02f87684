// Centres for the office: rename in Spanish and English, add a new one.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../lib/api.ts";
import { ErrorMessage } from "../../lib/errors.tsx";
import { Loading, Page } from "../../lib/page.tsx";
import type { Centre } from "../../lib/types.ts";
import { useLoad } from "../../lib/use-load.ts";

function CentreRow({ centre, onSaved }: { centre: Centre; onSaved: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(centre.name);
  const [nameEn, setNameEn] = useState(centre.nameEn ?? "");
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api.patch(`/api/centres/${encodeURIComponent(centre.code)}`, {
        name,
        nameEn: nameEn.trim() === "" ? null : nameEn,
      });
      setSaved(true);
      onSaved();
    } catch (failure) {
      setError(failure);
    }
  }
  return (
    <li className="card">
      <form onSubmit={(event) => void submit(event)} className="form-inline">
        <h2 className="card-title">{centre.code}</h2>
        <div className="field">
          <label htmlFor={`name-${centre.code}`}>{t("centres.nameEs")}</label>
          <input id={`name-${centre.code}`} value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`nameEn-${centre.code}`}>{t("centres.nameEn")}</label>
          <input id={`nameEn-${centre.code}`} value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
        </div>
        <button type="submit" className="button-small">
          {t("common.save")}
          <span className="visually-hidden"> {centre.code}</span>
        </button>
        <ErrorMessage error={error} />
        {saved && (
          <p role="status" className="alert alert-success">
            {t("common.saved")}
          </p>
        )}
      </form>
    </li>
  );
}

export default function CentresAdminPage() {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useLoad(() => api.get<{ items: Centre[] }>("/api/centres"), []);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [nameEn, setNameEn] = useState("");
  const [addError, setAddError] = useState<unknown>(null);
  async function add(event: FormEvent) {
    event.preventDefault();
    setAddError(null);
    try {
      await api.post("/api/centres", { code, name, nameEn: nameEn.trim() === "" ? null : nameEn });
      setCode("");
      setName("");
      setNameEn("");
      reload();
    } catch (failure) {
      setAddError(failure);
    }
  }
  return (
    <Page title={t("centres.adminTitle")}>
      {loading && <Loading />}
      <ErrorMessage error={error} />
      {data && (
        <ul className="cards">
          {data.items.map((centre) => (
            <CentreRow key={centre.code} centre={centre} onSaved={reload} />
          ))}
        </ul>
      )}
      <form className="form" onSubmit={(event) => void add(event)}>
        <h2>{t("centres.add")}</h2>
        <div className="grid-fields">
          <div className="field">
            <label htmlFor="new-code">{t("centres.code")}</label>
            <input id="new-code" value={code} required onChange={(e) => setCode(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="new-name">{t("centres.nameEs")}</label>
            <input id="new-name" value={name} required onChange={(e) => setName(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="new-nameEn">{t("centres.nameEn")}</label>
            <input id="new-nameEn" value={nameEn} onChange={(e) => setNameEn(e.target.value)} />
          </div>
        </div>
        <ErrorMessage error={addError} />
        <button type="submit" className="button">
          {t("centres.add")}
        </button>
      </form>
    </Page>
  );
}
