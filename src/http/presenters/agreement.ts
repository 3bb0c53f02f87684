// What a client sees of an agreement: the schema (src/schemas/responses/agreement.ts) and how a
// stored agreement becomes it.
import type { StoredAgreement } from "../../db/repositories/agreements.ts";
import type { AgreementView } from "../../schemas/responses/agreement.ts";

export { type AgreementView, agreementSchema } from "../../schemas/responses/agreement.ts";

export const presentAgreement = ({ agreement, nominationDeadline }: StoredAgreement): AgreementView => ({
  ...agreement,
  nominationDeadline,
});
