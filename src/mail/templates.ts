// The e-mails of the call, in Spanish and English (users.preferred_language): subject and plain
// text from a message's kind and payload (codes and values; the outbox never stores text).
export type MailLanguage = "es" | "en";

export interface RenderedMail {
  subject: string;
  text: string;
}

const str = (payload: Record<string, unknown>, key: string): string => {
  const value = payload[key];
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
};

/** An instant as Madrid's wall clock, e.g. "25/05/2018 23:59" (the call's times are Madrid's). */
function madrid(instant: string, language: MailLanguage): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  return new Intl.DateTimeFormat(language === "es" ? "es-ES" : "en-GB", {
    timeZone: "Europe/Madrid",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(ms));
}

type Template = (p: Record<string, unknown>, language: MailLanguage) => RenderedMail;

/** A list status in words (the engine's codes: awarded, substitute, excluded; null: not listed). */
const STATUS: Record<MailLanguage, Record<string, string>> = {
  es: {
    awarded: "adjudicatario/a",
    substitute: "suplente",
    excluded: "excluido/a",
    "": "no figura en la lista",
  },
  en: { awarded: "awarded", substitute: "substitute", excluded: "excluded", "": "not on the list" },
};
const status = (p: Record<string, unknown>, key: string, l: MailLanguage) =>
  STATUS[l][str(p, key)] ?? str(p, key);
const listKind = (p: Record<string, unknown>, l: MailLanguage) =>
  l === "es" ? (str(p, "kind") === "definitive" ? "definitiva" : "provisional") : str(p, "kind");

const TEMPLATES: Record<string, Record<MailLanguage, Template>> = {
  "application.validated": {
    es: (p, l) => ({
      subject: `Solicitud validada — justificante ${str(p, "receiptId")}`,
      text: `Su solicitud ${str(p, "applicationId")} quedó validada el ${madrid(str(p, "validatedAt"), l)} (hora de Madrid).\nJustificante: ${str(p, "receiptId")}.\nDesde ahora no puede modificarse.`,
    }),
    en: (p, l) => ({
      subject: `Application validated — receipt ${str(p, "receiptId")}`,
      text: `Your application ${str(p, "applicationId")} was validated on ${madrid(str(p, "validatedAt"), l)} (Madrid time).\nReceipt: ${str(p, "receiptId")}.\nIt can no longer be changed.`,
    }),
  },
  "list.published": {
    es: (p, l) => ({
      subject: `Publicada la lista ${listKind(p, l)} de ${str(p, "centre")}`,
      text: `Se ha publicado la lista ${listKind(p, l)} de adjudicación de ${str(p, "centre")}.\nSu situación: ${status(p, "status", l)}. Consulte el detalle en la plataforma.`,
    }),
    en: (p, l) => ({
      subject: `The ${listKind(p, l)} list of ${str(p, "centre")} is published`,
      text: `The ${listKind(p, l)} award list of ${str(p, "centre")} has been published.\nYour status: ${status(p, "status", l)}. See the details on the platform.`,
    }),
  },
  "claim.resolved": {
    es: (p) => ({
      subject: `Reclamación ${str(p, "decision") === "accepted" ? "estimada" : "desestimada"}`,
      text: `Su reclamación ha sido ${str(p, "decision") === "accepted" ? "estimada" : "desestimada"} por ${str(p, "centre")}.\nMotivo: ${str(p, "reason")}`,
    }),
    en: (p) => ({
      subject: `Claim ${str(p, "decision")}`,
      text: `Your claim was ${str(p, "decision")} by ${str(p, "centre")}.\nReason: ${str(p, "reason")}`,
    }),
  },
  "offer.made": {
    es: (p, l) =>
      str(p, "upgradedFrom") !== ""
        ? {
            subject: `Ha obtenido un destino preferido (ronda ${str(p, "round")})`,
            text: `Se ha liberado una plaza que usted prefería: ahora tiene la plaza ${str(p, "agreementId")} en lugar de ${str(p, "upgradedFrom")}, que pasa al siguiente suplente.\n${
              str(p, "status") === "accepted"
                ? "Conserva su aceptación; si no la desea, puede renunciar en la plataforma."
                : `Acepte o renuncie antes del ${madrid(str(p, "respondBy"), l)} (hora de Madrid). No contestar equivale a renunciar.`
            }`,
          }
        : {
            subject: `Plaza ofrecida (ronda ${str(p, "round")}): acepte o renuncie`,
            text: `Se le ofrece la plaza ${str(p, "agreementId")} (ronda ${str(p, "round")}).\nAcepte o renuncie antes del ${madrid(str(p, "respondBy"), l)} (hora de Madrid). No contestar equivale a renunciar.`,
          },
    en: (p, l) =>
      str(p, "upgradedFrom") !== ""
        ? {
            subject: `You have a destination you preferred (round ${str(p, "round")})`,
            text: `A place you ranked higher became free: you now hold the place ${str(p, "agreementId")} instead of ${str(p, "upgradedFrom")}, which goes to the next substitute.\n${
              str(p, "status") === "accepted"
                ? "Your acceptance stands; if you do not want it, you may renounce on the platform."
                : `Accept or renounce by ${madrid(str(p, "respondBy"), l)} (Madrid time). Saying nothing is renouncing.`
            }`,
          }
        : {
            subject: `Place offered (round ${str(p, "round")}): accept or renounce`,
            text: `You are offered the place ${str(p, "agreementId")} (round ${str(p, "round")}).\nAccept or renounce by ${madrid(str(p, "respondBy"), l)} (Madrid time). Saying nothing is renouncing.`,
          },
  },
  "offer.lapsed": {
    es: (p, l) => ({
      subject: "Plaza perdida: no contestó a tiempo",
      text: `El plazo para aceptar la plaza ${str(p, "agreementId")} terminó el ${madrid(str(p, "respondBy"), l)} (hora de Madrid) sin respuesta.\nSegún las bases, no contestar equivale a renunciar: la plaza pasa al siguiente suplente.`,
    }),
    en: (p, l) => ({
      subject: "Place lost: no answer in time",
      text: `The deadline to accept the place ${str(p, "agreementId")} ended on ${madrid(str(p, "respondBy"), l)} (Madrid time) without an answer.\nUnder the call's rules, saying nothing is renouncing: the place goes to the next substitute.`,
    }),
  },
  "claim.filed": {
    es: (p, l) => ({
      subject: "Reclamación presentada — justificante",
      text: `Su reclamación contra la lista provisional de ${str(p, "centre")} quedó registrada el ${madrid(str(p, "filedAt"), l)} (hora de Madrid), con ${str(p, "attachments")} documento(s) adjunto(s).\nReferencia: ${str(p, "claimId")}. El centro la resolverá antes de la lista definitiva.`,
    }),
    en: (p, l) => ({
      subject: "Claim filed — receipt",
      text: `Your claim against the provisional list of ${str(p, "centre")} was recorded on ${madrid(str(p, "filedAt"), l)} (Madrid time), with ${str(p, "attachments")} attached document(s).\nReference: ${str(p, "claimId")}. The centre will resolve it before the definitive list.`,
    }),
  },
  "claim.received": {
    es: (p, l) => ({
      subject: `Nueva reclamación en ${str(p, "centre")}`,
      text: `El estudiante ${str(p, "studentId")} ha presentado una reclamación contra la lista provisional de ${str(p, "centre")} el ${madrid(str(p, "filedAt"), l)} (hora de Madrid), con ${str(p, "attachments")} documento(s).\nReferencia: ${str(p, "claimId")}. Resuélvala antes de publicar la lista definitiva.`,
    }),
    en: (p, l) => ({
      subject: `New claim at ${str(p, "centre")}`,
      text: `Student ${str(p, "studentId")} filed a claim against the provisional list of ${str(p, "centre")} on ${madrid(str(p, "filedAt"), l)} (Madrid time), with ${str(p, "attachments")} document(s).\nReference: ${str(p, "claimId")}. Resolve it before publishing the definitive list.`,
    }),
  },
  "list.superseded": {
    es: (p, l) => ({
      subject: `Corregida la lista ${listKind(p, l)} de ${str(p, "centre")}`,
      text: `La lista ${listKind(p, l)} de ${str(p, "centre")} ha sido sustituida por una nueva publicación.\nMotivo: ${str(p, "reason")}\nSu situación era: ${status(p, "previousStatus", l)}; ahora es: ${status(p, "status", l)}. Consulte el detalle en la plataforma.`,
    }),
    en: (p, l) => ({
      subject: `The ${listKind(p, l)} list of ${str(p, "centre")} was corrected`,
      text: `The ${listKind(p, l)} list of ${str(p, "centre")} has been superseded by a new publication.\nReason: ${str(p, "reason")}\nYour status was: ${status(p, "previousStatus", l)}; it is now: ${status(p, "status", l)}. See the details on the platform.`,
    }),
  },
  "offer.reminder": {
    es: (p, l) => ({
      subject: "Recordatorio: el plazo de aceptación termina en 48 horas",
      text: `Aún no ha aceptado ni renunciado a la plaza ${str(p, "agreementId")}.\nEl plazo termina el ${madrid(str(p, "respondBy"), l)} (hora de Madrid). No contestar equivale a renunciar.`,
    }),
    en: (p, l) => ({
      subject: "Reminder: the acceptance deadline is in 48 hours",
      text: `You have not yet accepted or renounced the place ${str(p, "agreementId")}.\nThe deadline is ${madrid(str(p, "respondBy"), l)} (Madrid time). Saying nothing is renouncing.`,
    }),
  },
};

export function renderMail(
  kind: string,
  payload: Record<string, unknown>,
  language: MailLanguage,
): RenderedMail {
  const template = TEMPLATES[kind]?.[language];
  if (template === undefined)
    return language === "es"
      ? { subject: "Aviso de Mobilitas", text: "Hay novedades en su solicitud. Consulte la plataforma." }
      : { subject: "Mobilitas notice", text: "There is news about your application. See the platform." };
  return template(payload, language);
}

export const MAIL_KINDS = Object.keys(TEMPLATES);
