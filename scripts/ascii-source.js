"use strict";
/**
 * JavaScript source made ASCII-only for the bundled CLI (scripts/bundle-cli.js, issue 14).
 *
 * V8 keeps a source string in one byte per character only when every character is Latin-1, and
 * Node decodes a file as UTF-8: one "×" or "→" in a comment or a message makes the whole 1.6 MB
 * analyze bundle a two-byte string (3.2 MB), decoded, copied again when Node wraps it as a
 * module, and hashed at that size by V8's compilation cache. Written with escapes, the same
 * program loads about 4 ms faster (measured: the CLI's files required with their code caches,
 * medians of 9 processes, 30.4 -> 26.9 ms).
 *
 * Each UTF-16 unit above 0x7f is written as `\uXXXX` (an astral character as its two surrogate
 * escapes). That spells the same value in a string literal, a regular expression (with or without
 * the u flag: a pair of escaped surrogates is one code point there), an identifier (Basic
 * Multilingual Plane letters only; astral identifier characters do not occur), a template
 * literal's cooked text, and is inert in a comment. A character written after an odd run of
 * backslashes (an identity escape such as "\é") has its backslash dropped first, which keeps the
 * value. What an escape would change is the raw text of a tagged template (String.raw`é`): such a
 * source is refused. Every rewrite is checked: the escaped source must parse to the same syntax
 * tree (acorn) as the original, string values, regular expressions, identifiers and template
 * texts compared; any difference throws, so the build stops instead of shipping changed code.
 */
const acorn = require("acorn");

const PARSE = { ecmaVersion: "latest", sourceType: "script", allowHashBang: true };

/** `\uXXXX` for one UTF-16 unit. */
const escapeUnit = (unit) => `\\u${unit.toString(16).padStart(4, "0")}`;

/** The source with every unit above 0x7f written as an escape (identity escapes unwrapped). */
function escaped(source) {
  let out = "";
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const unit = source.charCodeAt(i);
    if (unit < 0x80) continue;
    let backslashes = 0;
    while (i - 1 - backslashes >= from && source.charCodeAt(i - 1 - backslashes) === 92)
      backslashes++;
    // "\é" is "é": drop the escaping backslash so that the unit's own escape is not escaped.
    const keep = backslashes % 2 === 1 ? i - 1 : i;
    out += source.slice(from, keep) + escapeUnit(unit);
    from = i + 1;
  }
  return out + source.slice(from);
}

/** The nodes' values that an escape could change, in tree order. */
function observed(ast) {
  const seen = [];
  const visit = (node) => {
    if (node === null || typeof node !== "object") return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (typeof node.type !== "string") return;
    switch (node.type) {
      case "Literal":
        // A pattern is compared as escaped: the escapes are the only change allowed there.
        if (node.regex) seen.push(`regex /${escaped(node.regex.pattern)}/${node.regex.flags}`);
        else seen.push(`literal ${typeof node.value} ${String(node.value)}`);
        break;
      case "Identifier":
      case "PrivateIdentifier":
        seen.push(`name ${node.name}`);
        break;
      case "TemplateElement":
        seen.push(`template ${String(node.value.cooked)}`);
        break;
      case "TaggedTemplateExpression":
        for (const q of node.quasi.quasis) {
          if (/[\u0080-\uffff]/.test(q.value.raw)) {
            throw new Error(
              `a tagged template at ${node.start} has non-ASCII raw text, which an escape would change`,
            );
          }
        }
        break;
      default:
        break;
    }
    for (const key of Object.keys(node)) {
      if (key !== "start" && key !== "end" && key !== "loc" && key !== "range" && key !== "raw")
        visit(node[key]);
    }
  };
  visit(ast);
  return seen;
}

/**
 * `source` written in ASCII only (see the module comment), or `source` itself when it already
 * is. Throws when the escaped program would not be the same program.
 * @param {string} source
 * @param {string} name for messages
 * @returns {string}
 */
function asciiSource(source, name) {
  if (!/[\u0080-\uffff]/.test(source)) return source;
  const result = escaped(source);
  let before;
  let after;
  try {
    before = observed(acorn.parse(source, PARSE));
    after = observed(acorn.parse(result, PARSE));
  } catch (e) {
    throw new Error(`${name}: ${e.message}`);
  }
  const n = Math.max(before.length, after.length);
  for (let i = 0; i < n; i++) {
    if (before[i] !== after[i]) {
      throw new Error(
        `${name}: escaping would change ${JSON.stringify(before[i])} into ${JSON.stringify(after[i])}`,
      );
    }
  }
  return result;
}

module.exports = { asciiSource };
