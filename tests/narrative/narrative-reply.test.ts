/**
 * The reply validator: hand-worked cases and fast-check properties. Whatever text a model sends,
 * the validator never throws; what it accepts is plain (no markup, link, control character or
 * formula start), within the field limits, for the id we issued and exactly the fields asked for;
 * plain text within the limits is accepted as sent (white space runs collapsed).
 */
import fc from "fast-check";
import { NARRATIVE_LIMITS } from "../../src/engine/narrative/narrative-limits";
import {
  markupProblem,
  readCustomerReply,
  readSummaryReply,
} from "../../src/engine/narrative/narrative-reply";

const reply = (o: Record<string, unknown>): string => JSON.stringify(o);
const good = { id: "c1", rationale: "Spend fell.", opportunity: "Call them.", message: "Hello." };

test("hand-worked: a well-formed reply is accepted, with white space collapsed", () => {
  expect(readCustomerReply(reply({ ...good, message: "  Hello,\n\n  there.  " }), "c1")).toEqual({
    ok: true,
    value: { rationale: "Spend fell.", opportunity: "Call them.", message: "Hello, there." },
  });
  expect(readCustomerReply("```json\n" + reply(good) + "\n```", "c1").ok).toBe(true);
  expect(readSummaryReply(reply({ id: "summary", paragraph: "All fine." }), "summary")).toEqual({
    ok: true,
    value: "All fine.",
  });
});

test.each([
  ["not json", "malformed", "the reply is not JSON"],
  ["[1,2]", "malformed", "the reply is not a JSON object"],
  [reply({ ...good, id: "c2" }), "invalid", 'the reply\'s id is not "c1"'],
  [reply({ ...good, extra: "x" }), "invalid", 'unexpected field "extra"'],
  [reply({ ...good, message: 5 }), "invalid", '"message" is not text'],
  [reply({ ...good, message: "   " }), "invalid", '"message" is empty'],
  [
    reply({ ...good, message: "x".repeat(701) }),
    "invalid",
    '"message" is 701 characters, more than 700',
  ],
  [
    reply({ ...good, message: "<script>x</script>" }),
    "invalid",
    '"message" holds angle brackets (HTML)',
  ],
  [reply({ ...good, message: "see [here](x)" }), "invalid", '"message" holds a Markdown link'],
  [reply({ ...good, message: "go to https://x.example" }), "invalid", '"message" holds a link'],
  [reply({ ...good, message: "**bold**" }), "invalid", '"message" holds Markdown formatting'],
  [
    reply({ ...good, message: "=SUM(A1)" }),
    "invalid",
    '"message" holds a formula-like start (= + - @)',
  ],
  [
    reply({ ...good, message: "@cmd" }),
    "invalid",
    '"message" holds a formula-like start (= + - @)',
  ],
  [reply({ ...good, message: "a\u202eb" }), "invalid", '"message" holds a control character'],
])("refused: %s", (content, kind, reason) => {
  expect(readCustomerReply(content, "c1")).toEqual({ ok: false, refusal: { kind, reason } });
});

const FORMULA_START = /^[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/;

test("property: any content never throws; what is accepted is plain, within limits, ours", () => {
  const field = fc.oneof(
    fc.string({ maxLength: 800 }),
    fc.string({ unit: "grapheme", maxLength: 50 }),
    fc.constantFrom("<b>x</b>", "[a](b)", "http://x", "=1+1", "-5", "\t=x", "ok text", ""),
  );
  const content = fc.oneof(
    fc.string(),
    fc
      .record({
        id: fc.constantFrom("c1", "c2", "summary"),
        rationale: field,
        opportunity: field,
        message: field,
      })
      .map((o) => JSON.stringify(o)),
  );
  fc.assert(
    fc.property(content, (c) => {
      const r = readCustomerReply(c, "c1");
      if (!r.ok) return;
      const parsed = JSON.parse(c) as Record<string, unknown>;
      expect(parsed.id).toBe("c1");
      for (const k of ["rationale", "opportunity", "message"] as const) {
        const t = r.value[k];
        expect(t.length).toBeGreaterThan(0);
        expect(t.length).toBeLessThanOrEqual(NARRATIVE_LIMITS[k]);
        expect(t).toBe(t.trim());
        expect(markupProblem(t)).toBeNull();
        expect(FORMULA_START.test(t)).toBe(false);
        expect(/[<>\n\r\t`]/.test(t)).toBe(false);
        expect(t).toBe(String(parsed[k]).replace(/\s+/g, " ").trim());
      }
    }),
  );
});

test("property: plain text within the limits is accepted exactly as sent", () => {
  const plain = (max: number) =>
    fc
      .stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ,.;:'!?()%$€£]*$/)
      .filter((s) => s.length <= max && s === s.trim() && !/\s\s/.test(s));
  fc.assert(
    fc.property(
      plain(NARRATIVE_LIMITS.rationale),
      plain(NARRATIVE_LIMITS.opportunity),
      plain(NARRATIVE_LIMITS.message),
      (rationale, opportunity, message) => {
        expect(
          readCustomerReply(reply({ id: "c3", rationale, opportunity, message }), "c3"),
        ).toEqual({ ok: true, value: { rationale, opportunity, message } });
        // The same reply for any other id is refused.
        expect(
          readCustomerReply(reply({ id: "c3", rationale, opportunity, message }), "c4").ok,
        ).toBe(false);
      },
    ),
  );
});

test("property: one markup or link inserted between words of plain text is refused", () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^[a-z ]{1,60}$/),
      fc.constantFrom(
        "<i>",
        "</p>",
        "[x](y)",
        "https://a.b",
        "www.a.b",
        "`c`",
        "**b**",
        "## h",
        "\u0007",
      ),
      fc.nat(),
      (text, markup, at) => {
        const i = at % (text.length + 1);
        const message = `Hi ${text.slice(0, i)} ${markup} ${text.slice(i)}`;
        const r = readCustomerReply(reply({ ...good, message }), "c1");
        expect(r.ok).toBe(false);
      },
    ),
  );
});
