// The application (issue 5): the destinations open to the student (and why not the others), the
// ranked list built with the mouse or the keyboard and saved as they go, the score preview, and
// validation with its "cannot be undone" step and receipt; afterwards the page only reads.
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { ErrorMessage } from "../../lib/errors.tsx";
import { formatDateTime, MADRID } from "../../lib/format.ts";
import { Loading, Page } from "../../lib/page.tsx";
import { useSession } from "../../lib/session.tsx";
import { useLoad } from "../../lib/use-load.ts";
import { Countdown, serverClockOffset } from "../public/Countdown.tsx";
import "./apply/apply.css";
import { Destinations } from "./apply/Destinations.tsx";
import {
  applicationPath,
  type Destination,
  loadStudentContext,
  type StudentContext,
  validate,
} from "./apply/data.ts";
import { RankedList } from "./apply/RankedList.tsx";
import { ScorePanel } from "./apply/ScorePanel.tsx";
import { type SaveStatus, useDraft } from "./apply/use-draft.ts";
import { ConfirmDialog, ReceiptView } from "./apply/Validation.tsx";
import { refusalText } from "./apply/words.ts";
import { StudentNav } from "./StudentNav.tsx";

function StatusLine({ status }: { status: SaveStatus }) {
  const { t, i18n } = useTranslation();
  let text = "";
  if (status.kind === "pending") text = t("apply.save.pending");
  if (status.kind === "saving") text = t("apply.save.saving");
  if (status.kind === "saved")
    text =
      status.at === null
        ? t("apply.save.savedNow")
        : t("apply.save.saved", {
            at: new Intl.DateTimeFormat(i18n.language === "en" ? "en-GB" : "es-ES", {
              timeZone: MADRID,
              timeStyle: "medium",
            }).format(new Date(status.at)),
          });
  if (status.kind === "offline") text = t("apply.save.offline");
  if (status.kind === "refused") text = t("apply.save.refused", { why: refusalText(t, status.error) });
  return (
    <p
      className={`apply-save apply-save-${status.kind}`}
      role="status"
      aria-live="polite"
      data-testid="save-status"
      data-state={status.kind}
    >
      {text}
    </p>
  );
}

type Phase = "before" | "open" | "after";

/** Where the call stands on the server's clock (the server refuses outside the window anyway). */
async function phaseOf(context: StudentContext): Promise<Phase> {
  const now = Date.now() + (await serverClockOffset());
  const { applicationOpensAt, applicationDeadline } = context.call.calendar;
  if (applicationOpensAt !== null && now < Date.parse(applicationOpensAt)) return "before";
  return now >= Date.parse(applicationDeadline) ? "after" : "open";
}

function Apply({ context, phase, userId }: { context: StudentContext; phase: Phase; userId: string }) {
  const { t, i18n } = useTranslation();
  const { call, studentId, options } = context;
  const [receipt, setReceipt] = useState(context.receipt);
  const readOnly = receipt !== null;
  const closed = !readOnly && phase !== "open";
  const byId = useMemo(
    () => new Map<string, Destination>(options.destinations.map((d) => [d.agreement.id, d])),
    [options.destinations],
  );
  const known = useMemo(() => new Set(byId.keys()), [byId]);
  const draft = useDraft({
    userId,
    callId: call.id,
    studentId,
    application: context.application,
    known,
    readOnly: readOnly || closed,
  });
  const [announcement, setAnnouncement] = useState("");
  const [confirming, setConfirming] = useState(false);
  const [validateError, setValidateError] = useState<unknown>(null);
  const [justValidated, setJustValidated] = useState(false);
  const { choices } = draft;
  const max = options.maxChoices;
  const full = max !== null && choices.length >= max;

  const toggle = (id: string) => {
    const name = byId.get(id)?.agreement.partner.name ?? id;
    if (choices.includes(id)) {
      draft.setChoices(choices.filter((c) => c !== id));
      setAnnouncement(t("apply.announce.removed", { name }));
    } else if (!full) {
      draft.setChoices([...choices, id]);
      setAnnouncement(t("apply.announce.added", { name, position: choices.length + 1 }));
    }
  };
  const startValidation = async () => {
    setValidateError(null);
    if (await draft.flush()) setConfirming(true);
  };
  const confirm = async () => {
    const done = await validate(call.id, studentId);
    setJustValidated(true);
    setReceipt(done);
    setConfirming(false);
  };

  return (
    <>
      <Countdown to={call.calendar.applicationDeadline} label={t("apply.deadline")} />
      {options.penalties.length > 0 && (
        <div className="alert apply-warning">
          <p>{t("apply.penalties", { count: options.penalties.length })}</p>
        </div>
      )}
      {options.exclusions.length > 0 && (
        <div className="alert alert-error" data-testid="exclusions">
          <p>{t("apply.exclusions.intro")}</p>
          <ul>
            {options.exclusions.map((code) => (
              <li key={code}>{t(`exclusions.${code}`)}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="visually-hidden" aria-live="polite" data-testid="announcer">
        {announcement}
      </p>
      {readOnly ? (
        <ReceiptView
          receipt={receipt}
          byId={byId}
          pdfHref={applicationPath(call.id, studentId, "/receipt.pdf")}
          focus={justValidated}
        />
      ) : (
        <>
          {closed ? (
            <p className="alert apply-warning" data-testid="closed">
              {phase === "before"
                ? t("apply.closed.before", {
                    at: formatDateTime(call.calendar.applicationOpensAt ?? "", i18n.language),
                  })
                : t("apply.closed.after", {
                    at: formatDateTime(call.calendar.applicationDeadline, i18n.language),
                  })}
            </p>
          ) : (
            <p className="lead">{t("apply.lead")}</p>
          )}
          {draft.restored && <p className="alert apply-note">{t("apply.save.restored")}</p>}
          <div className="apply-columns">
            <div>
              <RankedList
                choices={choices}
                byId={byId}
                maxChoices={max}
                onChange={draft.setChoices}
                onAnnounce={setAnnouncement}
                readOnly={closed}
              />
              <StatusLine status={draft.status} />
              {!closed && (
                <div className="apply-validate">
                  <p className="hint">{t("apply.validate.hint")}</p>
                  <button
                    type="button"
                    className="button"
                    disabled={choices.length === 0}
                    onClick={() => void startValidation().catch(setValidateError)}
                  >
                    {t("apply.validate.button")}
                  </button>
                  {validateError !== null && (
                    <p className="alert alert-error" role="alert">
                      {refusalText(t, validateError)}
                    </p>
                  )}
                </div>
              )}
            </div>
            <ScorePanel callId={call.id} studentId={studentId} />
          </div>
          <Destinations
            call={call}
            destinations={options.destinations}
            chosen={choices}
            full={full}
            readOnly={closed}
            onToggle={toggle}
          />
          <ConfirmDialog
            open={confirming}
            choices={choices}
            byId={byId}
            exclusions={options.exclusions}
            onCancel={() => setConfirming(false)}
            onConfirm={confirm}
          />
        </>
      )}
      {readOnly && <ScorePanel callId={call.id} studentId={studentId} />}
    </>
  );
}

export default function ApplicationPage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const { data, error, loading } = useLoad(async () => {
    const context = await loadStudentContext(user);
    return context === null ? null : { context, phase: await phaseOf(context) };
  }, [user?.id]);
  return (
    <Page title={t("application.title")} wide>
      <StudentNav />
      {loading ? (
        <Loading />
      ) : error ? (
        <ErrorMessage error={error} />
      ) : !data || !user ? (
        <p>{t("apply.noCall")}</p>
      ) : (
        <Apply context={data.context} phase={data.phase} userId={user.id} />
      )}
    </Page>
  );
}
