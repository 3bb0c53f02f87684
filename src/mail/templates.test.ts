import { describe, expect, it } from "vitest";
import { MAIL_KINDS, renderMail } from "./templates.ts";

const PAYLOADS: Record<string, Record<string, unknown>> = {
  "application.validated": {
    applicationId: "APP-S1",
    receiptId: "MOB-1",
    validatedAt: "2018-05-07T11:59:59.000Z",
  },
  "list.published": { centre: "ETSII", kind: "definitive", status: "awarded" },
  "claim.resolved": { centre: "ETSII", decision: "rejected", reason: "late" },
  "offer.made": { agreementId: "A1", round: 2, respondBy: "2018-05-25T21:59:59.000Z" },
  "offer.reminder": { agreementId: "A1", round: 1, respondBy: "2018-05-25T21:59:59.000Z" },
  "offer.lapsed": { agreementId: "A1", round: 1, respondBy: "2018-05-25T21:59:59.000Z" },
  "claim.filed": { claimId: "C1", centre: "ETSII", filedAt: "2018-05-12T08:00:00.000Z", attachments: 2 },
  "claim.received": {
    claimId: "C1",
    centre: "ETSII",
    filedAt: "2018-05-12T08:00:00.000Z",
    attachments: 2,
    studentId: "S1",
  },
  "list.superseded": {
    centre: "ETSII",
    kind: "provisional",
    reason: "a grade was wrong",
    status: "awarded",
    previousStatus: "substitute",
  },
};

describe("mail templates", () => {
  it("has a Spanish and an English text for every kind, with Madrid's time", () => {
    expect(MAIL_KINDS.sort()).toEqual(Object.keys(PAYLOADS).sort());
    for (const kind of MAIL_KINDS) {
      const es = renderMail(kind, PAYLOADS[kind]!, "es");
      const en = renderMail(kind, PAYLOADS[kind]!, "en");
      expect(es.subject).not.toBe(en.subject);
      expect(es.text).not.toContain("undefined");
      expect(en.text).not.toContain("undefined");
    }
    expect(renderMail("application.validated", PAYLOADS["application.validated"]!, "es").text).toContain(
      "07/05/2018, 13:59",
    );
    expect(renderMail("offer.made", PAYLOADS["offer.made"]!, "en").text).toContain("25/05/2018, 23:59");
    expect(renderMail("list.superseded", PAYLOADS["list.superseded"]!, "es").text).toContain(
      "era: suplente; ahora es: adjudicatario/a",
    );
    const upgraded = { ...PAYLOADS["offer.made"], status: "accepted", upgradedFrom: "A2" };
    expect(renderMail("offer.made", upgraded, "en").text).toContain("instead of A2");
    expect(renderMail("offer.made", upgraded, "es").text).toContain("Conserva su aceptación");
  });

  it("falls back to a generic notice for a kind without a template", () => {
    expect(renderMail("offer.unknown", {}, "en").subject).toBe("Mobilitas notice");
  });
});
