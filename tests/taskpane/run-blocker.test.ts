/**
 * A thresholds value the form refuses stops the run before it starts, naming the field, and the
 * "Go to" target is that field; a pack error from the worker points at its form field or its line.
 */
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { fixForError, fixText } from "../../src/taskpane/state/pack-fix";
import { initialState, paneReducer } from "../../src/taskpane/state/pane-state";
import { paneFields, runBlocker } from "../../src/taskpane/state/run-blocker";
import { setThreshold } from "../../src/taskpane/state/thresholds";

const tier2 = JSON.stringify(BUILTIN_PACKS["seed-tier2"], null, 2);
const state = (packText: string, draftProblems: Record<string, string> = {}) => ({
  packText,
  currency: null,
  draftProblems,
});

test("the presets as shipped do not stop a run", () => {
  for (const p of Object.keys(BUILTIN_PACKS))
    expect(runBlocker(state(JSON.stringify(BUILTIN_PACKS[p])))).toBeNull();
});

test("0.25 weeks and top N -3 stop the run, the first named with the count of the others", () => {
  let text = setThreshold(tier2, "/parameters/windows/currentWeeks", 0.25);
  text = setThreshold(text, "/parameters/ranking/topN", -3);
  expect(runBlocker(state(text))).toEqual({
    message:
      "Cannot run: the threshold “Current window (weeks)” is 0.25: Enter a whole number of weeks. (and 1 more)",
    fix: {
      kind: "field",
      pointer: "/parameters/windows/currentWeeks",
      label: "Current window (weeks)",
    },
  });
  const onlyTopN = setThreshold(tier2, "/parameters/ranking/topN", -3);
  expect(runBlocker(state(onlyTopN))?.message).toBe(
    "Cannot run: the threshold “Top N (rows in the top list)” is -3: Enter 1 or more rows.",
  );
});

test("a field whose text is not a number stops the run first", () => {
  const pointer = "/parameters/ranking/topN";
  let s = initialState("seed-tier2", tier2);
  s = paneReducer(s, { type: "threshold-draft", pointer, label: "Top N (rows in the top list)" });
  expect(runBlocker(s)).toEqual({
    message:
      "Cannot run: the threshold “Top N (rows in the top list)” is not a number. Enter a number in the Rules step.",
    fix: { kind: "field", pointer, label: "Top N (rows in the top list)" },
  });
  s = paneReducer(s, { type: "threshold-draft", pointer, label: null });
  expect(runBlocker(s)).toBeNull();
  // Choosing a preset forgets the drafts of the old pack's fields.
  s = paneReducer(s, { type: "threshold-draft", pointer, label: "Top N (rows in the top list)" });
  s = paneReducer(s, { type: "set-pack", preset: "seed-v2", text: tier2 });
  expect(s.draftProblems).toEqual({});
});

test("a worker error goes to its form field when the form shows it, else to its line", () => {
  const fields = paneFields(state(tier2));
  const atField = fixForError(
    {
      pointer: "/parameters/ranking/topN",
      line: 40,
      column: 7,
      code: "schema",
      message: "must be >= 1",
    },
    fields,
  );
  expect(atField).toEqual({
    kind: "field",
    pointer: "/parameters/ranking/topN",
    label: "Top N (rows in the top list)",
  });
  const atLine = fixForError(
    { pointer: "", line: 3, column: 11, code: "json-syntax", message: "Unexpected token" },
    [],
  );
  expect(atLine).toEqual({ kind: "json", line: 3, column: 11 });
  if (atLine === null || atField === null) throw new Error("no fix");
  expect(fixText(atLine)).toBe("Go to line 3, column 11 of the rule pack");
  expect(fixText(atField)).toBe("Go to the field “Top N (rows in the top list)”");
  expect(
    fixForError({ pointer: "", line: null, column: null, code: "x", message: "m" }, []),
  ).toBeNull();
});

test("go-to-fix opens Rules with the place to focus; the step clears it once focused", () => {
  let s = initialState("seed-tier2", tier2);
  s = paneReducer(s, { type: "set-tab", tab: "run" });
  s = paneReducer(s, { type: "go-to-fix", fix: { kind: "json", line: 3, column: 11 } });
  expect(s.tab).toBe("rules");
  expect(s.rulesFocus).toEqual({ kind: "json", line: 3, column: 11 });
  s = paneReducer(s, { type: "rules-focused" });
  expect(s.rulesFocus).toBeNull();
});

test("a failed run keeps its fix; a first run cancelled says the workbook was not changed", () => {
  let s = initialState("seed-tier2", tier2);
  s = paneReducer(s, { type: "run-start" });
  s = paneReducer(s, { type: "run-cancelled" });
  expect(s.run.message).toBe("Cancelled: the workbook was not changed.");
  const fix = { kind: "json", line: 1, column: 2 } as const;
  s = paneReducer(s, { type: "run-failed", message: "Failed: x", fix });
  expect(s.run.fix).toEqual(fix);
  s = paneReducer(s, { type: "run-start" });
  expect(s.run.fix).toBeNull();
});
