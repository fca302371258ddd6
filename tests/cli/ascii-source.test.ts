/**
 * scripts/ascii-source.js: the bundled CLI's sources are written in ASCII only, and the escaped
 * program is the same program: it runs to the same values, and what an escape could change is
 * refused instead.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import fc from "fast-check";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { asciiSource } = require("../../scripts/ascii-source.js") as {
  asciiSource: (source: string, name: string) => string;
};

const NON_ASCII = /[\u0080-\uffff]/;

/** Runs `source` in a fresh context; returns what it set as `result`. */
function resultOf(source: string): unknown {
  const context: { result?: unknown } = {};
  runInNewContext(source, context);
  return context.result;
}

test("hand-worked: comments, strings, identity escapes, regular expressions, templates, identifiers, astral characters", () => {
  const source = [
    "// 12 × 3 → 36",
    'const a = "é→\\é";',
    'const plain = /[é€]+\\é/.test("éé");',
    'const unicode = /^[é€]+$/u.test("€é") && /^.$/u.test("😀");',
    "const t = `x€${a}`;",
    "const ñame = 1;",
    'result = [a, a.length, plain, unicode, t, ñame, "😀".length, "😀".codePointAt(0)];',
  ].join("\n");
  const out = asciiSource(source, "sample");
  expect(NON_ASCII.test(out)).toBe(false);
  expect(out).toContain("\\u00e9\\u2192\\u00e9"); // "\é" is "é": one escape, no backslash kept
  expect(out).toContain("\\ud83d\\ude00");
  const expected = ["é→é", 3, true, true, "x€é→é", 1, 2, 0x1f600];
  expect(resultOf(source)).toEqual(expected);
  expect(resultOf(out)).toEqual(expected);
});

test("ASCII source is returned as it is", () => {
  const source = 'const x = "abc"; // plain\n';
  expect(asciiSource(source, "plain")).toBe(source);
});

test("a tagged template whose raw text is not ASCII is refused (String.raw would change)", () => {
  expect(() => asciiSource("result = String.raw`é`;", "raw")).toThrow(/tagged template/);
  // Its cooked-only cousin is fine.
  expect(resultOf(asciiSource("result = `é`;", "cooked"))).toBe("é");
});

test("property: any string literal, template and regular expression keeps its value", () => {
  const text = fc.string({ unit: "binary", maxLength: 12 });
  fc.assert(
    fc.property(text, (s) => {
      const literal = JSON.stringify(s);
      // A character class of the string's code points (escaped for the class) in u-mode.
      const cls = [...s]
        .filter((c) => !/[\\\]^\-[/\r\n\u2028\u2029]/.test(c))
        .map((c) => (c.length === 1 && c >= "\ud800" && c <= "\udfff" ? "" : c)) // lone surrogates
        .join("");
      const source =
        `const s = ${literal};\n` +
        `const t = \`\${s}|${cls.replace(/[`$\\]/g, "")}\`;\n` +
        `const m = ${cls === "" ? "true" : `/^[${cls}]*$/u.test(${JSON.stringify(cls)})`};\n` +
        "result = [s, t, m];";
      const out = asciiSource(source, "generated");
      expect(NON_ASCII.test(out)).toBe(false);
      expect(resultOf(out)).toEqual(resultOf(source));
    }),
  );
});

test("the bundled CLI in dist/ is ASCII only", () => {
  const folder = join(__dirname, "..", "..", "dist", "cli", "bundle");
  const files = readdirSync(folder).filter((f) => f.endsWith(".js"));
  expect(files.length).toBeGreaterThan(0);
  for (const f of files)
    expect([f, NON_ASCII.test(readFileSync(join(folder, f), "utf8"))]).toEqual([f, false]);
});
