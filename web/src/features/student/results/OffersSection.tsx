// After the definitive list: the place offered (and further rounds' offers), to accept or renounce
// until its deadline, shown in Madrid time; both answers are confirmed first and cannot be undone.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { currentLanguage } from "../../../i18n/index.ts";
import { api } from "../../../lib/api.ts";
import { formatDateTime } from "../../../lib/format.ts";
import type { Call } from "../../../lib/types.ts";
import { type AgreementName, destinationName } from "./OwnListCard.tsx";
import { ConfirmButton, Refusal } from "./shared.tsx";
import type { Offer } from "./types.ts";

const OFFER_BADGE = {
  offered: "badge-substitute",
  accepted: "badge-awarded",
  renounced: "badge-excluded",
  lapsed: "badge-excluded",
  upgraded: "badge-excluded",
} satisfies Record<Offer["status"], string>;

function OfferCard({
  offer,
  now,
  path,
  agreements,
  onAnswered,
}: {
  offer: Offer;
  now: number;
  path: string;
  agreements: ReadonlyMap<string, AgreementName>;
  onAnswered: () => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [answered, setAnswered] = useState<Offer | null>(null);
  const current = answered ?? offer;
  const deadline = formatDateTime(current.respondBy, lng);
  const destination = destinationName(t, lng, agreements, current.agreementId);
  const canAnswer = current.status === "offered" && now <= Date.parse(current.respondBy);

  async function respond(decision: "accept" | "renounce") {
    setBusy(true);
    setError(null);
    try {
      setAnswered(await api.post<Offer>(path, { decision }));
      onAnswered();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  const headingId = `offer-${current.id}`;
  return (
    <li className="result-card">
      <h3 id={headingId}>{t("results.offers.round", { round: current.round, destination })}</h3>
      <p>
        <span className={`badge ${OFFER_BADGE[current.status]}`} data-testid="offer-status">
          {t(`results.offers.statuses.${current.status}`)}
        </span>
      </p>
      {current.status === "offered" &&
        (canAnswer ? (
          <p className="phase-note">{t("results.offers.answerBy", { at: deadline })}</p>
        ) : (
          <p className="phase-note">{t("results.offers.deadlinePassed", { at: deadline })}</p>
        ))}
      {current.status === "accepted" && (
        <p>
          {t("results.offers.acceptedAt", {
            at: current.respondedAt ? formatDateTime(current.respondedAt, lng) : "",
          })}{" "}
          {current.firm ? t("results.offers.firm") : t("results.offers.notFirmYet")}
        </p>
      )}
      {current.status === "renounced" && (
        <p>
          {t("results.offers.renouncedAt", {
            at: current.respondedAt ? formatDateTime(current.respondedAt, lng) : "",
          })}
        </p>
      )}
      {current.status === "lapsed" && <p>{t("results.offers.lapsed", { at: deadline })}</p>}
      {canAnswer && (
        <div className="confirm-actions">
          <ConfirmButton
            label={t("results.offers.accept")}
            question={
              <>
                <p className="strong">{t("results.offers.acceptQuestion", { destination })}</p>
                <p>{t("results.offers.cannotUndo")}</p>
              </>
            }
            confirmLabel={t("results.offers.acceptConfirm")}
            busy={busy}
            onConfirm={() => void respond("accept")}
          />
          <ConfirmButton
            label={t("results.offers.renounce")}
            question={
              <>
                <p className="strong">{t("results.offers.renounceQuestion", { destination })}</p>
                <p>{t("results.offers.cannotUndo")}</p>
              </>
            }
            confirmLabel={t("results.offers.renounceConfirm")}
            busy={busy}
            danger
            onConfirm={() => void respond("renounce")}
          />
        </div>
      )}
      {current.status === "accepted" && (
        <div>
          <p className="muted">{t("results.offers.laterRenounce")}</p>
          <ConfirmButton
            label={t("results.offers.renounceAccepted")}
            question={
              <>
                <p className="strong">{t("results.offers.renounceQuestion", { destination })}</p>
                <p>{t("results.offers.penaltyWarning")}</p>
                <p>{t("results.offers.cannotUndo")}</p>
              </>
            }
            confirmLabel={t("results.offers.renounceConfirm")}
            busy={busy}
            danger
            onConfirm={() => void respond("renounce")}
          />
        </div>
      )}
      <div aria-live="polite">
        {answered && (
          <p className="alert alert-success" role="status">
            {t(`results.offers.answered.${answered.status}`, { defaultValue: t("common.saved") })}
          </p>
        )}
      </div>
      <Refusal error={error} />
    </li>
  );
}

export function OffersSection({
  call,
  studentId,
  now,
  hasDefinitive,
  offers,
  agreements,
  onAnswered,
}: {
  call: Call;
  studentId: string;
  now: number;
  hasDefinitive: boolean;
  offers: Offer[];
  agreements: ReadonlyMap<string, AgreementName>;
  onAnswered: () => void;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const path = `/api/calls/${encodeURIComponent(call.id)}/students/${encodeURIComponent(studentId)}/offer/response`;
  const { definitiveListAt, acceptanceDeadline } = call.calendar;
  let note: string | null = null;
  if (!hasDefinitive)
    note = definitiveListAt
      ? t("results.offers.afterDefinitive", { at: formatDateTime(definitiveListAt, lng) })
      : t("results.offers.afterDefinitiveUndated");
  else if (offers.length === 0)
    note =
      acceptanceDeadline && now > Date.parse(acceptanceDeadline)
        ? t("results.offers.noneClosed", { at: formatDateTime(acceptanceDeadline, lng) })
        : t("results.offers.none");
  const sorted = [...offers].sort((a, b) => b.round - a.round);
  return (
    <section aria-labelledby="offers-title">
      <h2 id="offers-title">{t("results.offers.title")}</h2>
      {note && (
        <p className="phase-note" data-testid="offers-note">
          {note}
        </p>
      )}
      {sorted.length > 0 && (
        <ul className="item-list">
          {sorted.map((offer) => (
            <OfferCard
              key={offer.id}
              offer={offer}
              now={now}
              path={path}
              agreements={agreements}
              onAnswered={onAnswered}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
