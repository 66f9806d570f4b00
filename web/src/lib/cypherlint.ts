// Syntax lint for the console that does not cry wolf. @neo4j-cypher/codemirror's parser knows
// Cypher as of Neo4j 4.x: it rejects newer syntax that Neo4j 5 runs fine (CALL (x) { ... } and
// CALL { ... } subqueries, COUNT/EXISTS/COLLECT { ... }) and functions whose names are
// administration keywords in its grammar (nodes(), relationships(), labels() inside a list
// comprehension: "mismatched input 'IN'"). Rather than switching lint off, the text is rewritten
// without moving anything (same length, same lines) into pieces the old parser understands,
// and each piece is linted on its own:
//  - a keyword-named function call gets a neutral name of the same length (nodes( -> xodes();
//  - a CALL subquery is blanked out of the outer query, and its body is linted as a query of its
//    own (with everything else blanked), recursively;
//  - COUNT/EXISTS/COLLECT { ... } becomes the literal 0 padded with blanks.
// Errors keep their real positions, so what remains underlined is a real syntax error.

export interface LintError {
  from: number;
  to: number;
  message: string;
}

/** Function names that the old grammar lexes as keywords. */
const KEYWORD_FUNCTIONS = /\b(nodes|relationships|labels|keys|properties|type|exists|size|range|head|last|tail|reverse|count|replace|elements|database|name|labels)(\s*\()/gi;

/** Blanks a span but keeps line breaks, so that lines and columns do not move. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, " ");
}

/** The index of the brace closing the one at open, skipping strings and comments; -1 if none. */
function closing(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === "`") {
      const end = text.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      if (end < 0) return -1;
      i = end;
    } else if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Position-preserving texts to lint, each one parseable by the old grammar if the query is. */
export function lintPieces(text: string): string[] {
  const renamed = text.replace(KEYWORD_FUNCTIONS, (_m, name: string, rest: string) => `x${name.slice(1)}${rest}`);
  const pieces: string[] = [];
  let outer = renamed;
  const sub = /\b(CALL\s*(?:\([^)]*\))?\s*|(?:COUNT|EXISTS|COLLECT)\s*)\{/gi;
  let m: RegExpExecArray | null;
  while ((m = sub.exec(outer))) {
    const open = m.index + m[0].length - 1;
    const close = closing(outer, open);
    if (close < 0) break; // unbalanced: let the parser say so
    const isCall = /^CALL/i.test(m[1]);
    if (isCall) {
      const body = outer.slice(open + 1, close);
      const alone = blank(outer.slice(0, open + 1)) + body + blank(outer.slice(close));
      pieces.push(...lintPieces(alone));
      outer = outer.slice(0, m.index) + blank(outer.slice(m.index, close + 1)) + outer.slice(close + 1);
    } else {
      outer = outer.slice(0, m.index) + "0" + blank(outer.slice(m.index + 1, close + 1)) + outer.slice(close + 1);
    }
    sub.lastIndex = m.index + 1;
  }
  return [outer, ...pieces];
}

type Parser = (text: string) => { start: number; stop: number; msg: string }[];

/** Lints a query with the given parser (CypherEditorSupport's parseErrors) over its pieces. */
export function lintCypher(text: string, parse: Parser): LintError[] {
  if (!text.trim()) return [];
  const seen = new Set<string>();
  const out: LintError[] = [];
  for (const piece of lintPieces(text)) {
    if (!piece.trim()) continue;
    for (const e of parse(piece)) {
      const key = `${e.start}:${e.msg}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ from: e.start, to: Math.min(text.length, e.stop + 1), message: e.msg });
    }
  }
  return out;
}

/** The $parameters a query uses, outside strings and comments, in order of first use. */
export function queryParams(text: string): string[] {
  const clean = text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|\/\/[^\n]*/g, "");
  const names: string[] = [];
  for (const m of clean.matchAll(/\$(`[^`]+`|[A-Za-z_][A-Za-z0-9_]*)/g)) {
    const n = m[1].replace(/`/g, "");
    if (!names.includes(n)) names.push(n);
  }
  return names;
}
