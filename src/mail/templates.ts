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
    es: (p) => ({
      subject: `Publicada la lista ${str(p, "kind") === "definitive" ? "definitiva" : "provisional"} de ${str(p, "centre")}`,
      text: `Se ha publicado la lista ${str(p, "kind") === "definitive" ? "definitiva" : "provisional"} de adjudicación de ${str(p, "centre")}.\nSu situación: ${str(p, "status")}. Consulte el detalle en la plataforma.`,
    }),
    en: (p) => ({
      subject: `The ${str(p, "kind")} list of ${str(p, "centre")} is published`,
      text: `The ${str(p, "kind")} award list of ${str(p, "centre")} has been published.\nYour status: ${str(p, "status")}. See the details on the platform.`,
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
    es: (p, l) => ({
      subject: `Plaza ofrecida (ronda ${str(p, "round")}): acepte o renuncie`,
      text: `Se le ofrece la plaza ${str(p, "agreementId")} (ronda ${str(p, "round")}).\nAcepte o renuncie antes del ${madrid(str(p, "respondBy"), l)} (hora de Madrid). No contestar equivale a renunciar.`,
    }),
    en: (p, l) => ({
      subject: `Place offered (round ${str(p, "round")}): accept or renounce`,
      text: `You are offered the place ${str(p, "agreementId")} (round ${str(p, "round")}).\nAccept or renounce by ${madrid(str(p, "respondBy"), l)} (Madrid time). Saying nothing is renouncing.`,
    }),
  },
  "offer.reminder": {
    es: (p, l) => ({
      subject: "Recordatorio: el plazo de aceptación termina pronto",
      text: `Aún no ha aceptado ni renunciado a la plaza ${str(p, "agreementId")}.\nEl plazo termina el ${madrid(str(p, "respondBy"), l)} (hora de Madrid). No contestar equivale a renunciar.`,
    }),
    en: (p, l) => ({
      subject: "Reminder: the acceptance deadline is near",
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
