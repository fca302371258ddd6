/**
 * The download's paced yield (src/taskpane/host/paced-yield.ts) on a clock the test moves: it
 * yields at the first call, never again before `everyMs` has passed since the last yield ended,
 * and at the first call once it has. The yields are counted independently by walking the call
 * times with that rule written out here.
 */
import fc from "fast-check";
import { pacedYield } from "../../src/taskpane/host/paced-yield";

test("yields at the first call, then at the first call at least everyMs after the last yield", async () => {
  let clock = 0;
  const at: number[] = [];
  const paced = pacedYield(
    async () => {
      at.push(clock);
      clock += 2; // the yield itself takes time: the pace counts from its end
    },
    50,
    () => clock,
  );
  for (const t of [0, 10, 51, 52, 80, 103, 104, 200]) {
    clock = Math.max(clock, t);
    await paced();
  }
  // 0 (first; ends at 2), 52 (>= 2 + 50; ends at 54), 104 (>= 104), 200.
  expect(at).toEqual([0, 52, 104, 200]);
});

test("never two yields closer than everyMs, and no call everyMs after the last yield without one (property)", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 60 }),
      fc.integer({ min: 1, max: 60 }),
      async (steps, everyMs) => {
        let clock = 0;
        const yields: number[] = [];
        const paced = pacedYield(
          async () => {
            yields.push(clock);
          },
          everyMs,
          () => clock,
        );
        const calls: number[] = [];
        for (const step of steps) {
          clock += step;
          calls.push(clock);
          await paced();
        }
        // Independently: walk the calls keeping the time of the last yield.
        const expected: number[] = [];
        for (const t of calls)
          if (expected.length === 0 || t - expected[expected.length - 1] >= everyMs)
            expected.push(t);
        expect(yields).toEqual(expected);
      },
    ),
  );
});
