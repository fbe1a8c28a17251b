/**
 * Reading SQL text without running it: cutting a script into its statements and matching
 * names against `LIKE` patterns.
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
    const end = sql.slice(i + 2).search(/[\n\r]/)
    return end < 0 ? sql.length : i + 2 + end + 1
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
const hasCode = (sql: string): boolean => sqlTokens(sql).length > 0

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
 * to case), a literal (string, dollar-quoted string or number) or one punctuation
 * character. Comments and whitespace are not tokens.
 *
 * @internal
 */
export interface SqlToken {
  readonly kind: "word" | "name" | "literal" | "punct"
  readonly text: string
}

/** What DuckDB reads as whitespace between tokens: ASCII and Unicode spaces, zero-width ones included. */
const WHITESPACE = /[\s\u200b\u2060]/
const WORD_START = /[A-Za-z_\u0080-\uffff]/
const WORD_PART = /[A-Za-z0-9_$\u0080-\uffff]/

/**
 * The tokens of a script, in order, read with the same rules as {@link splitStatements}
 * (literals, quoted names, dollar-quoted strings and nested comments).
 *
 * @internal
 */
export const sqlTokens = (sql: string): Array<SqlToken> => {
  const out: Array<SqlToken> = []
  let i = 0
  while (i < sql.length) {
    const c = sql[i]!
    if (WHITESPACE.test(c)) {
      i++
      continue
    }
    const skipped = skipQuoted(sql, i)
    if (skipped !== undefined) {
      const end = Math.max(skipped, i + 1)
      if (c === "\"") out.push({ kind: "name", text: sql.slice(i + 1, end - 1).replace(/""/g, "\"").toLowerCase() })
      else if (c === "'" || c === "$") out.push({ kind: "literal", text: sql.slice(i, end) })
      i = end
      continue
    }
    if (WORD_START.test(c)) {
      let j = i + 1
      while (j < sql.length && WORD_PART.test(sql[j]!) && !WHITESPACE.test(sql[j]!)) j++
      out.push({ kind: "word", text: sql.slice(i, j).toLowerCase() })
      i = j
      continue
    }
    if (/[0-9]/.test(c)) {
      let j = i + 1
      while (j < sql.length && /[0-9_]/.test(sql[j]!)) j++
      out.push({ kind: "literal", text: sql.slice(i, j) })
      i = j
      continue
    }
    out.push({ kind: "punct", text: c })
    i++
  }
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
