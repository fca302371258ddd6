/** The pack name the pane shows: the pack's own name, "(modified)" once the text was edited. */
import fc from "fast-check";
import { BUILTIN_PACKS } from "../../src/rules/packs/builtin-packs";
import { packDisplayName, packModified } from "../../src/taskpane/state/pack-name";
import { initialState, paneReducer } from "../../src/taskpane/state/pane-state";

const tier2 = JSON.stringify(BUILTIN_PACKS["seed-tier2"], null, 2);

test("a preset as given is named as it is; any edit adds (modified); undoing the edit removes it", () => {
  expect(packDisplayName("seed-tier2", tier2, tier2)).toBe("seed-tier2");
  const edited = tier2.replace('"topN": 20', '"topN": 25');
  expect(edited).not.toBe(tier2);
  expect(packDisplayName("seed-tier2", edited, tier2)).toBe("seed-tier2 (modified)");
  // Broken JSON keeps the name the preset gave.
  expect(packDisplayName("seed-tier2", "{ nope", tier2)).toBe("seed-tier2 (modified)");
  // A text that never was JSON falls back to the preset's name.
  expect(packDisplayName("workbook", "x", "x")).toBe("workbook");
});

test("through the reducer: set-pack is the base, edit-pack marks it, set-pack again clears it", () => {
  let s = initialState("seed-tier2", tier2);
  expect(packModified(s.packText, s.packBase)).toBe(false);
  s = paneReducer(s, { type: "edit-pack", text: tier2 + " " });
  expect(packModified(s.packText, s.packBase)).toBe(true);
  s = paneReducer(s, { type: "set-pack", preset: "seed-tier2", text: s.packBase });
  expect(packModified(s.packText, s.packBase)).toBe(false);
});

test("modified exactly when the text differs from the base (any texts)", () => {
  fc.assert(
    fc.property(fc.string(), fc.string(), (text, base) => {
      const name = packDisplayName("p", text, base);
      expect(name.endsWith(" (modified)")).toBe(text !== base);
    }),
  );
});
