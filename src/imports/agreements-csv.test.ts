import { describe, expect, it } from "vitest";
import { parseAgreementsCsv } from "./agreements-csv.ts";

const HEADER =
  "id;centre;partnerName;partnerErasmusCode;partnerCountry;places;months;cycles;subjectArea;languages;languageRequiredAtApplication;nominationDeadline";

describe("agreements (CSV)", () => {
  it("reads agreements with cycles and language options", () => {
    const result = parseAgreementsCsv(
      `${HEADER}\nETSII-TUM;ETSII;Technische Universität München;D MUNCHEN02;de;1;4,5;grado|master;0710;de:B1|en:b2;sí;2018-06-15\nETSII-PW;ETSII;Politechnika Warszawska;;PL;2;10;grado;;;;\n`,
    );
    expect(result).toEqual({
      ok: true,
      records: [
        {
          agreement: {
            id: "ETSII-TUM",
            centre: "ETSII",
            partner: { erasmusCode: "D MUNCHEN02", name: "Technische Universität München", country: "DE" },
            places: 1,
            months: 4.5,
            cycles: ["grado", "master"],
            subjectArea: "0710",
            languageRequirement: {
              requiredAtApplication: true,
              options: [
                { language: "de", minLevel: "B1" },
                { language: "en", minLevel: "B2" },
              ],
            },
          },
          nominationDeadline: "2018-06-15",
        },
        {
          agreement: {
            id: "ETSII-PW",
            centre: "ETSII",
            partner: { name: "Politechnika Warszawska", country: "PL" },
            places: 2,
            months: 10,
            cycles: ["grado"],
          },
        },
      ],
    });
  });

  it("names every bad row and column and imports nothing", () => {
    const result = parseAgreementsCsv(
      `${HEADER}\nA1;ETSII;Uni;;DE;-1;5;phd;;de-B1;;31/06/2018\nA2;;Uni;;DEU;1;x;grado;;;;\n`,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual(
      expect.arrayContaining([
        "2:places:OUT_OF_RANGE",
        "2:cycles:UNKNOWN_VALUE",
        "2:languages:UNKNOWN_VALUE",
        "2:nominationDeadline:UNKNOWN_VALUE",
        "3:centre:REQUIRED",
        "3:partnerCountry:UNKNOWN_VALUE",
        "3:months:NOT_A_NUMBER",
      ]),
    );
  });
});
