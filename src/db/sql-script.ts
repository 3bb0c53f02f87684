/**
 * Splits a SQL script into statements, so a migration runs through the same prepared-statement
 * path on PGlite and PostgreSQL. Knows quotes ('…', "…", E'…'), dollar quotes ($tag$…$tag$) and
 * comments (-- and nested /* *\/); semicolons inside them do not split.
 */
export function splitSqlStatements(script: string): string[] {
  const statements: string[] = [];
  let start = 0;
  let i = 0;
  const n = script.length;
  const push = (end: number) => {
    const text = script.slice(start, end).trim();
    if (text !== "" && !isOnlyComments(text)) statements.push(text);
  };
  while (i < n) {
    const c = script[i];
    const next = script[i + 1];
    if (c === "-" && next === "-") {
      const eol = script.indexOf("\n", i);
      i = eol === -1 ? n : eol + 1;
    } else if (c === "/" && next === "*") {
      i = skipBlockComment(script, i);
    } else if (c === "'" || c === '"') {
      i = skipQuoted(script, i, c);
    } else if (c === "$") {
      const tag = /^\$[A-Za-z_]?[A-Za-z0-9_]*\$/.exec(script.slice(i))?.[0];
      if (tag !== undefined && !/[A-Za-z0-9_]/.test(script[i - 1] ?? "")) {
        const close = script.indexOf(tag, i + tag.length);
        if (close === -1) throw new SyntaxError(`unterminated dollar quote ${tag}`);
        i = close + tag.length;
      } else {
        i += 1;
      }
    } else if (c === ";") {
      push(i);
      i += 1;
      start = i;
    } else {
      i += 1;
    }
  }
  push(n);
  return statements;
}

function skipQuoted(script: string, from: number, quote: string): number {
  let i = from + 1;
  while (i < script.length) {
    if (script[i] === quote) {
      if (script[i + 1] === quote) i += 2;
      else return i + 1;
    } else if (quote === "'" && script[i] === "\\" && isEscapeString(script, from)) {
      i += 2;
    } else {
      i += 1;
    }
  }
  throw new SyntaxError(`unterminated ${quote} quote`);
}

function isEscapeString(script: string, quoteAt: number): boolean {
  const prefix = script[quoteAt - 1];
  return (prefix === "E" || prefix === "e") && !/[A-Za-z0-9_]/.test(script[quoteAt - 2] ?? "");
}

function skipBlockComment(script: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < script.length) {
    if (script[i] === "/" && script[i + 1] === "*") {
      depth += 1;
      i += 2;
    } else if (script[i] === "*" && script[i + 1] === "/") {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else {
      i += 1;
    }
  }
  throw new SyntaxError("unterminated /* comment");
}

function isOnlyComments(text: string): boolean {
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "-" && text[i + 1] === "-") {
      const eol = text.indexOf("\n", i);
      i = eol === -1 ? text.length : eol + 1;
    } else if (c === "/" && text[i + 1] === "*") {
      i = skipBlockComment(text, i);
    } else if (c !== undefined && /\s/.test(c)) {
      i += 1;
    } else {
      return false;
    }
  }
  return true;
}
