/**
 * The why once per customer: rows whose whys share the plain sentence are listed under it once,
 * each with its own rules; distinct sentences stay apart; nothing is lost (hand-worked and
 * fast-check on whys built the way explain-gaps.ts composeWhy builds them).
 */
import fc from "fast-check";
import { composeWhy } from "../../src/engine/stages/explain-gaps";
import { splitWhy, whyBlocks } from "../../src/taskpane/state/drill-why";
import type { CustomerDetail } from "../../src/taskpane/worker/protocol";

type Gap = CustomerDetail["gaps"][number];
const gap = (rank: number, gapType: string, why: string, gapAmount = 186.26): Gap => ({
  rank,
  gapType,
  severity: "high",
  gapAmount,
  priorityScore: 8.35,
  rootCause: null,
  why,
});

test("hand-worked: two rows with the same sentence, one with another", () => {
  const plain = "Recent 4-week average $0.00 is 100% below the baseline $186.26.";
  const blocks = whyBlocks(
    [
      gap(13, "zero_spend", `${plain} Rules: zero-spend: weeks with zero spend 4 is at least 4.`),
      gap(1, "below_baseline", `${plain} Rules: below-baseline: trend -100% is at most -20%.`),
      gap(7, "revenue_gap", "Spend fell. Rules: revenue-gap: gap $10.00 is above $0.00.", 10),
    ],
    "GBP",
  );
  expect(blocks).toEqual([
    {
      why: plain,
      gaps: [
        {
          rank: 1,
          text: "#1 Below baseline (high): £186.26 a week, score 8.35",
          rules: "below-baseline: trend -100% is at most -20%.",
        },
        {
          rank: 13,
          text: "#13 No spend (high): £186.26 a week, score 8.35",
          rules: "zero-spend: weeks with zero spend 4 is at least 4.",
        },
      ],
    },
    {
      why: "Spend fell.",
      gaps: [
        {
          rank: 7,
          text: "#7 Revenue gap (high): £10.00 a week, score 8.35",
          rules: "revenue-gap: gap $10.00 is above $0.00.",
        },
      ],
    },
  ]);
  expect(whyBlocks([gap(2, "zero_spend", "x")], "USD", "month")[0].gaps[0].text).toBe(
    "#2 No spend (high): $186.26 a month, score 8.35",
  );
});

test("splitWhy: a why of rules only, of a sentence only", () => {
  expect(splitWhy("Rules: a: b.")).toEqual({ plain: "", rules: "a: b." });
  expect(splitWhy("Spend fell.")).toEqual({ plain: "Spend fell.", rules: "" });
});

const words = fc.stringMatching(/^[a-z][a-z .:;%$0-9-]{0,30}$/);

test("whys composed as the engine composes them: each row once, sentence shown once, parts read back", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          clauses: fc.array(words, { maxLength: 3 }),
          rules: fc.array(words, { maxLength: 2 }),
        }),
        { minLength: 1, maxLength: 8 },
      ),
      fc.integer({ min: 0, max: 3 }),
      (rows, reuse) => {
        // Some rows take the first row's sentence (one customer's rows share it).
        const gaps = rows.map((r, i) =>
          gap(i + 1, "revenue_gap", composeWhy(i < reuse ? rows[0].clauses : r.clauses, r.rules)),
        );
        const blocks = whyBlocks(gaps, "USD");
        expect(blocks.flatMap((b) => b.gaps.map((g) => g.rank)).sort((a, b) => a - b)).toEqual(
          gaps.map((g) => g.rank),
        );
        expect(new Set(blocks.map((b) => b.why)).size).toBe(blocks.length);
        for (const b of blocks)
          for (const line of b.gaps) {
            const why = gaps[line.rank - 1].why;
            const back = [b.why, line.rules === "" ? "" : `Rules: ${line.rules}`]
              .filter((t) => t !== "")
              .join(" ");
            expect(back).toBe(why.trim());
          }
      },
    ),
  );
});
