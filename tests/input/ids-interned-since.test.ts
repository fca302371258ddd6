/**
 * read-customers.ts keeps no Set of the ids it accepted: IdsInternedSince answers from the
 * registry (an id interned since the view was made, or an earlier one marked with add). Checked
 * against the Set it replaces on random sequences of a reader's steps: ids interned before the
 * view, then rows that intern an id and mark it accepted (as readKeyedRow does after read(id)),
 * and lookups of any id. Hand-worked: an id known before the view is seen only once marked.
 */
import fc from "fast-check";
import { IdRegistry, IdsInternedSince } from "../../src/engine/input/id-registry";

const ID = fc.constantFrom("C1", "C2", "C3", "C4", "7", "");

describe("IdsInternedSince", () => {
  it("answers has() as a Set of the accepted ids does", () => {
    fc.assert(
      fc.property(
        fc.array(ID, { maxLength: 4 }),
        fc.array(fc.record({ id: ID, accept: fc.boolean(), ask: ID }), { maxLength: 20 }),
        (before, steps) => {
          const reg = new IdRegistry();
          for (const id of before) reg.intern(id);
          const view = new IdsInternedSince(reg);
          const seen = new Set<string>();
          for (const s of steps) {
            expect(view.has(s.ask)).toBe(seen.has(s.ask));
            // A reader interns exactly the ids it accepts, then marks them seen.
            if (s.accept) {
              reg.intern(s.id);
              view.add(s.id);
              seen.add(s.id);
            }
            expect(view.has(s.id)).toBe(seen.has(s.id));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("hand-worked: C1 known before the view, C2 interned after it", () => {
    const reg = new IdRegistry();
    reg.intern("C1");
    const view = new IdsInternedSince(reg);
    expect(view.has("C1")).toBe(false);
    reg.intern("C2");
    expect(view.has("C2")).toBe(true);
    view.add("C1");
    expect(view.has("C1")).toBe(true);
    expect(view.has("C3")).toBe(false);
  });
});
