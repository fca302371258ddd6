import fc from "fast-check";
import { FORMULA_TRIGGERS, safeText, startsLikeFormula } from "../../src/workbook/safe-text";

describe("safeText", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+SUM(A1)", "'+SUM(A1)"],
    ["-2+3", "'-2+3"],
    ["@cmd", "'@cmd"],
    ["\t=x", "'\t=x"],
    ["\r=x", "'\r=x"],
    ["＝1+1", "'＝1+1"],
    ["＋1", "'＋1"],
    ["－1", "'－1"],
    ["＠x", "'＠x"],
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["plain", "plain"],
    ["", ""],
    [" =1", " =1"],
    ["'=1", "'=1"],
    ["Zoë 東京", "Zoë 東京"],
  ])("%j -> %j", (input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  const trigger = fc.constantFrom(...FORMULA_TRIGGERS);

  it("never returns text that starts with a formula trigger", () => {
    const anyText = fc.oneof(
      fc.string({ unit: "binary" }),
      fc.tuple(trigger, fc.string()).map(([t, s]) => t + s),
    );
    fc.assert(
      fc.property(anyText, (s) => {
        const out = safeText(s);
        expect(FORMULA_TRIGGERS.includes(out.charAt(0))).toBe(false);
        expect(startsLikeFormula(out)).toBe(false);
      }),
    );
  });

  it("leaves text without a trigger unchanged and only prefixes `'` otherwise", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        if (FORMULA_TRIGGERS.includes(s.charAt(0))) expect(safeText(s)).toBe(`'${s}`);
        else expect(safeText(s)).toBe(s);
      }),
    );
    fc.assert(
      fc.property(trigger, fc.string(), (t, s) => expect(safeText(t + s)).toBe(`'${t}${s}`)),
    );
  });
});
