import { describe, expect, it } from "vitest";
import { splitSqlStatements } from "./sql-script.ts";

describe("splitSqlStatements", () => {
  it.each([
    ["one", "SELECT 1", ["SELECT 1"]],
    ["two, trailing semicolon", "SELECT 1;\nSELECT 2;\n", ["SELECT 1", "SELECT 2"]],
    ["semicolon in a string", "SELECT 'a;b'; SELECT 2", ["SELECT 'a;b'", "SELECT 2"]],
    ["doubled quote", "SELECT 'it''s;'; SELECT 2", ["SELECT 'it''s;'", "SELECT 2"]],
    ["escape string", "SELECT E'\\';'; SELECT 2", ["SELECT E'\\';'", "SELECT 2"]],
    ["quoted identifier", 'SELECT 1 AS "a;b"; SELECT 2', ['SELECT 1 AS "a;b"', "SELECT 2"]],
    ["line comment", "-- a; b\nSELECT 1; -- c;\n", ["-- a; b\nSELECT 1"]],
    ["block comment", "/* a; /* nested; */ b; */ SELECT 1", ["/* a; /* nested; */ b; */ SELECT 1"]],
    [
      "dollar quote",
      "CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql; SELECT 2",
      ["CREATE FUNCTION f() RETURNS int AS $body$ SELECT 1; $body$ LANGUAGE sql", "SELECT 2"],
    ],
    [
      "empty dollar tag",
      "DO $$ BEGIN PERFORM 1; END $$; SELECT 2",
      ["DO $$ BEGIN PERFORM 1; END $$", "SELECT 2"],
    ],
    ["positional parameter is no quote", "SELECT $1; SELECT 2", ["SELECT $1", "SELECT 2"]],
    ["only comments", "-- nothing here\n/* nor here */", []],
  ])("%s", (_name, script, expected) => {
    expect(splitSqlStatements(script)).toEqual(expected);
  });

  it("refuses an unterminated quote", () => {
    expect(() => splitSqlStatements("SELECT 'oops")).toThrow(/unterminated/);
  });
});
