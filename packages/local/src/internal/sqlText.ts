import { badRequest } from "./errors.js"

/**
 * Reading and writing SQL text without running it: quoting names and values, cutting a
 * script into its statements, quoting catalog references and matching names against
 * `LIKE` patterns.
 *
 * @internal
 */

/**
 * Where the piece of SQL text starting at `i` ends, when it is a string literal, a quoted
 * identifier, a dollar-quoted string or a comment; `undefined` for anything else.
 *
 * @internal
 */
export const skipQuoted = (sql: string, i: number): number | undefined => {
  const c = sql[i]!
  if (c === "'" || c === "\"") {
    // A backslash escapes the next character only in E'...' strings.
    const escapes = c === "'" && i > 0 && (sql[i - 1] === "E" || sql[i - 1] === "e") &&
      (i < 2 || !/[A-Za-z0-9_$]/.test(sql[i - 2]!))
    let j = i + 1
    while (j < sql.length) {
      const d = sql[j]!
      if (escapes && d === "\\") {
        j += 2
        continue
      }
      if (d === c) {
        if (sql[j + 1] === c) {
          j += 2
          continue
        }
        return j + 1
      }
      j++
    }
    return sql.length
  }
  if (c === "-" && sql[i + 1] === "-") {
    // DuckDB ends a line comment at a carriage return as well as at a line feed.
    let j = i + 2
    while (j < sql.length && sql[j] !== "\n" && sql[j] !== "\r") j++
    return Math.min(j + 1, sql.length)
  }
  if (c === "/" && sql[i + 1] === "*") {
    // Block comments nest.
    let depth = 1
    let j = i + 2
    while (j < sql.length && depth > 0) {
      if (sql[j] === "/" && sql[j + 1] === "*") {
        depth++
        j += 2
      } else if (sql[j] === "*" && sql[j + 1] === "/") {
        depth--
        j += 2
      } else {
        j++
      }
    }
    return j
  }
  if (c === "$" && (i === 0 || !/[A-Za-z0-9_$]/.test(sql[i - 1]!))) {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66))
    if (tag !== null) {
      const end = sql.indexOf(tag[0], i + tag[0].length)
      return end < 0 ? sql.length : end + tag[0].length
    }
  }
  return undefined
}

/** Whether the text holds anything but whitespace and comments. */
const hasCode = (sql: string): boolean => nextToken(sql, 0, () => undefined) >= 0

/**
 * The statements of a script, in order, each without its terminating semicolon and with
 * its comments kept. Semicolons inside literals, quoted identifiers, dollar-quoted strings
 * and comments do not cut; pieces holding only comments are not statements.
 *
 * @internal
 */
export const splitStatements = (sql: string): Array<string> => {
  const out: Array<string> = []
  let start = 0
  let i = 0
  const cut = (end: number) => {
    const piece = sql.slice(start, end)
    if (hasCode(piece)) out.push(piece)
  }
  while (i < sql.length) {
    const skipped = skipQuoted(sql, i)
    if (skipped !== undefined) {
      i = Math.max(skipped, i + 1)
      continue
    }
    if (sql[i] === ";") {
      cut(i)
      start = i + 1
    }
    i++
  }
  cut(sql.length)
  return out
}

/**
 * A piece of SQL text the engine would read as one unit: a word (keyword or bare name,
 * lower-cased), a quoted name (its text, lower-cased: DuckDB matches names without regard
 * to case), a literal (string, dollar-quoted string or number; its text is not kept) or
 * one punctuation character. Comments and whitespace are not tokens.
 *
 * @internal
 */
export interface SqlToken {
  readonly kind: "word" | "name" | "literal" | "punct"
  readonly text: string
}

/**
 * What DuckDB reads as whitespace between tokens: ASCII and Unicode spaces, the zero-width
 * space and the word joiner included (every character of the Basic Multilingual Plane was
 * tried against DuckDB's parser; a few more here, such as `\v`, only make a name end sooner).
 */
const isSpace = (code: number): boolean =>
  code === 32 || (code >= 9 && code <= 13) || (code >= 0x80 && (
    code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200b) || code === 0x2028 ||
    code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x2060 || code === 0x3000 || code === 0xfeff
  ))

const isDigit = (code: number): boolean => code >= 48 && code <= 57

/** Letters, `_` and any other non-space character past ASCII start a name, as in DuckDB. */
const isWordStart = (code: number): boolean =>
  (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || code === 95 || (code >= 0x80 && !isSpace(code))

const isWordPart = (code: number): boolean => isWordStart(code) || isDigit(code) || code === 36

/** Literals are told apart from other tokens, never read: one token stands for them all. */
const LITERAL: SqlToken = { kind: "literal", text: "" }
const punctuation = new Map<string, SqlToken>()
const punct = (c: string): SqlToken => {
  let token = punctuation.get(c)
  if (token === undefined) {
    token = { kind: "punct", text: c }
    if (c.charCodeAt(0) < 128) punctuation.set(c, token)
  }
  return token
}

/**
 * Reads the token starting at or after `from`, hands it to `take`, and answers where it
 * ends; -1 past the last token.
 */
const nextToken = (sql: string, from: number, take: (token: SqlToken) => void): number => {
  let i = from
  while (i < sql.length) {
    const code = sql.charCodeAt(i)
    if (isSpace(code)) {
      i++
      continue
    }
    const c = sql[i]!
    const skipped = skipQuoted(sql, i)
    if (skipped !== undefined) {
      const end = Math.max(skipped, i + 1)
      if (c === "\"") {
        take({ kind: "name", text: sql.slice(i + 1, end - 1).replace(/""/g, "\"").toLowerCase() })
        return end
      }
      if (c === "'" || c === "$") {
        take(LITERAL)
        return end
      }
      i = end // a comment
      continue
    }
    if (isWordStart(code)) {
      let j = i + 1
      while (j < sql.length && isWordPart(sql.charCodeAt(j))) j++
      take({ kind: "word", text: sql.slice(i, j).toLowerCase() })
      return j
    }
    if (isDigit(code)) {
      let j = i + 1
      while (j < sql.length && (isDigit(sql.charCodeAt(j)) || sql[j] === "_")) j++
      take(LITERAL)
      return j
    }
    take(punct(c))
    return i + 1
  }
  return -1
}

/**
 * The tokens of a script, in order, read with the same rules as {@link splitStatements}
 * (literals, quoted names, dollar-quoted strings and nested comments).
 *
 * @internal
 */
export const sqlTokens = (sql: string): Array<SqlToken> => {
  const out: Array<SqlToken> = []
  const take = (token: SqlToken) => void out.push(token)
  for (let at = 0; at >= 0;) at = nextToken(sql, at, take)
  return out
}

/**
 * A statement as a subquery: on lines of its own, so that a trailing `--` comment cannot
 * swallow the closing parenthesis.
 *
 * @internal
 */
export const asSubquery = (statement: string): string => `(\n${statement}\n)`

/**
 * SQL `LIKE` matching (`%` any run of characters, `_` one character, case-insensitive)
 * without backtracking: the pattern is cut on `%`, and each piece is matched at its
 * leftmost place after the previous one, which is where it matches if it matches at all.
 * The work is bounded by the value's length times the pattern's, whatever the pattern.
 *
 * @internal
 */
export const likeMatcher = (pattern: string | undefined): (value: string) => boolean => {
  if (pattern === undefined || pattern === "") return () => true
  const pieces = pattern.toLowerCase().split("%")
  const anchoredStart = !pattern.startsWith("%")
  const anchoredEnd = !pattern.endsWith("%")
  const first = pieces[0]!
  const last = pieces[pieces.length - 1]!
  const middle = pieces.slice(1, -1).filter((p) => p.length > 0)
  const matchesAt = (value: string, piece: string, at: number): boolean => {
    if (at < 0 || at + piece.length > value.length) return false
    for (let k = 0; k < piece.length; k++) {
      const p = piece[k]!
      if (p !== "_" && p !== value[at + k]) return false
    }
    return true
  }
  const find = (value: string, piece: string, from: number, until: number): number => {
    for (let at = from; at + piece.length <= until; at++) {
      if (matchesAt(value, piece, at)) return at
    }
    return -1
  }
  return (raw) => {
    const value = raw.toLowerCase()
    if (pieces.length === 1) return value.length === first.length && matchesAt(value, first, 0)
    let from = 0
    let until = value.length
    if (anchoredStart) {
      if (!matchesAt(value, first, 0)) return false
      from = first.length
    }
    if (anchoredEnd) {
      const at = value.length - last.length
      if (at < from || !matchesAt(value, last, at)) return false
      until = at
    }
    for (const piece of middle) {
      const at = find(value, piece, from, until)
      if (at < 0) return false
      from = at + piece.length
    }
    return true
  }
}

/**
 * DuckDB reads SQL as a C string: a NUL would cut the statement short, so a name or value
 * holding one is refused rather than quoted.
 */
const withoutNul = (text: string, what: string): string => {
  if (text.includes("\0")) throw badRequest(`${what} must not contain NUL characters`)
  return text
}

/** @internal */
export const quoteIdent = (name: string): string => `"${withoutNul(name, "a name").replace(/"/g, "\"\"")}"`

/** @internal */
export const quoteLiteral = (value: string): string => `'${withoutNul(value, "a value").replace(/'/g, "''")}'`

/**
 * Quotes bare references to a catalog whose name is also an SQL keyword, so that
 * `default.main.orders` reaches the managed catalog named `default`.
 *
 * @internal
 */
export const quoteCatalogReferences = (sql: string, catalogs: ReadonlyArray<string>): string => {
  const names = new Set(catalogs.map((c) => c.toLowerCase()))
  let out = ""
  let i = 0
  let previousSignificant = ""
  while (i < sql.length) {
    const c = sql[i]!
    // Literals, quoted names and comments are read as the statement splitter reads them.
    const skipped = skipQuoted(sql, i)
    if (skipped !== undefined) {
      const j = Math.max(skipped, i + 1)
      out += sql.slice(i, j)
      i = j
      if (c !== "-" && c !== "/") previousSignificant = c
      continue
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1
      while (j < sql.length && /[A-Za-z0-9_$]/.test(sql[j]!)) j++
      const word = sql.slice(i, j)
      let k = j
      while (k < sql.length && /\s/.test(sql[k]!)) k++
      out += names.has(word.toLowerCase()) && sql[k] === "." && previousSignificant !== "." ? quoteIdent(word) : word
      i = j
      previousSignificant = "w"
      continue
    }
    if (!/\s/.test(c)) previousSignificant = c
    out += c
    i++
  }
  return out
}
