import { describe, expect, it } from "vitest";
import { parseStudentsCsv } from "./students-csv.ts";

const HEADER =
  "id,name,centre,degree,cycle,yearOfStudy,averageGrade,creditsPassed,degreeCredits,firstYearCreditsPct,nationality,residencePermit,enrolled,hasDebts,inOtherMobilityProgramme,previousErasmusMonths,gender";

describe("Secretaría's academic records (CSV)", () => {
  it("reads comma-separated rows with decimal points", () => {
    const result = parseStudentsCsv(
      `${HEADER}\nS1,Ana Pérez,ETSII,GITI,grado,3,7.5,150,240,100,ES,no,yes,no,no,0,female\n`,
    );
    expect(result).toEqual({
      ok: true,
      records: [
        {
          degree: "GITI",
          student: {
            id: "S1",
            name: "Ana Pérez",
            centre: "ETSII",
            cycle: "grado",
            yearOfStudy: 3,
            averageGrade: 7.5,
            creditsPassed: 150,
            degreeCredits: 240,
            firstYearCreditsPct: 100,
            nationality: "ES",
            residencePermit: false,
            enrolled: true,
            hasDebts: false,
            inOtherMobilityProgramme: false,
            previousErasmusMonths: 0,
            gender: "female",
            disability: false,
            disadvantaged: false,
            languageCertificates: [],
            activities: [],
          },
        },
      ],
    });
  });

  it("reads a Spanish spreadsheet: semicolons, decimal commas, sí/no and a byte-order mark", () => {
    const text = `\uFEFF${HEADER.replaceAll(",", ";")}\r\nS2;Bruno;ETSIT;;master;1;8,123;90,5;120;100;it;Sí;sí;NO;no;5;\r\n`;
    const result = parseStudentsCsv(text);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [record] = result.records;
    expect(record?.student).toMatchObject({
      averageGrade: 8.123,
      creditsPassed: 90.5,
      nationality: "IT",
      residencePermit: true,
      enrolled: true,
      previousErasmusMonths: 5,
    });
    expect(record?.student.gender).toBeUndefined();
    expect(record?.degree).toBeUndefined();
  });

  it("refuses the whole file and names every bad row and column", () => {
    const text = [
      HEADER,
      "S1,Ana,ETSII,GITI,grado,3,7.5,150,240,100,ES,no,yes,no,no,0,female",
      "S2,Bea,ETSII,GITI,bachelor,0,11,150,0,100,ESP,maybe,yes,no,no,0,female",
      "S1,Ana again,ETSII,GITI,grado,3,7.5,150,240,100,ES,no,yes,no,no,0,",
      ",Nadie,ETSII,GITI,grado,3,7.x,150,240,100,ES,no,yes,no,no,0,",
    ].join("\n");
    const result = parseStudentsCsv(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.errors.map((e) => `${e.row}:${e.column}:${e.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        "3:cycle:UNKNOWN_VALUE",
        "3:yearOfStudy:OUT_OF_RANGE",
        "3:averageGrade:OUT_OF_RANGE",
        "3:degreeCredits:OUT_OF_RANGE",
        "3:nationality:UNKNOWN_VALUE",
        "3:residencePermit:NOT_A_BOOLEAN",
        "4:id:DUPLICATE_ID",
        "5:id:REQUIRED",
        "5:averageGrade:NOT_A_NUMBER",
      ]),
    );
    expect(found.filter((f) => f.startsWith("2:"))).toEqual([]);
  });

  it("refuses a header with an unknown or a missing column", () => {
    const result = parseStudentsCsv("id,centre,favouriteColour\nS1,ETSII,blue\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const found = result.errors.map((e) => `${e.row}:${e.column}:${e.code}`);
    expect(found).toContain("1:favouriteColour:UNKNOWN_COLUMN");
    expect(found).toContain("1:averageGrade:MISSING_COLUMN");
  });

  it("refuses an empty file, a row with extra cells and an unclosed quote", () => {
    expect(parseStudentsCsv("")).toMatchObject({ ok: false, errors: [{ code: "EMPTY" }] });
    const extra = parseStudentsCsv(
      `${HEADER}\nS1,Ana,ETSII,GITI,grado,3,7.5,150,240,100,ES,no,yes,no,no,0,female,surplus\n`,
    );
    expect(extra).toMatchObject({ ok: false, errors: [{ row: 2, code: "TOO_MANY_CELLS" }] });
    expect(parseStudentsCsv(`${HEADER}\n"S1,Ana`)).toMatchObject({
      ok: false,
      errors: [{ code: "UNREADABLE" }],
    });
  });
});
