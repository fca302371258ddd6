import { createHash } from "node:crypto";
import fc from "fast-check";
import { canonicalJson, packHash, sha256Hex } from "../../src/rules/pack-hash";
import { validatePack } from "../../src/rules/validate-pack";
import { TEST_REGISTRY, validPackValue } from "./test-registry";

describe("sha256Hex", () => {
  it("matches the FIPS 180-2 vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("agrees with node:crypto on arbitrary text (UTF-8, block boundaries)", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ unit: "grapheme", maxLength: 200 }), fc.string({ maxLength: 130 })),
        (s) => {
          expect(sha256Hex(s)).toBe(createHash("sha256").update(s, "utf8").digest("hex"));
        },
      ),
      { numRuns: 300 },
    );
    for (let n = 50; n <= 130; n++) {
      const s = "x".repeat(n);
      expect(sha256Hex(s)).toBe(createHash("sha256").update(s).digest("hex"));
    }
  });
});

/** The same value with object keys inserted in reverse order. */
function reverseKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reverseKeys);
  if (v !== null && typeof v === "object") {
    // Object.fromEntries defines own properties, so a "__proto__" key stays a key (assignment
    // would set the prototype instead).
    return Object.fromEntries(
      Object.keys(v)
        .reverse()
        .map((k) => [k, reverseKeys((v as Record<string, unknown>)[k])]),
    );
  }
  return v;
}

describe("canonicalJson", () => {
  it("sorts keys and drops whitespace", () => {
    expect(canonicalJson({ b: 1, a: [true, null, { d: "x", c: 2.5 }] })).toBe(
      '{"a":[true,null,{"c":2.5,"d":"x"}],"b":1}',
    );
  });

  it("is stable under key order and round-trips JSON", () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const value = JSON.parse(text) as unknown;
        const c = canonicalJson(value);
        expect(canonicalJson(reverseKeys(value))).toBe(c);
        expect(JSON.parse(c)).toEqual(JSON.parse(JSON.stringify(value)));
        expect(c).not.toMatch(/^\s|\s$/);
      }),
      { numRuns: 300 },
    );
  });
});

describe("packHash", () => {
  it("is sha256 of the canonical JSON and ignores formatting and key order", () => {
    const a = validatePack(JSON.stringify(validPackValue(), null, 2), TEST_REGISTRY);
    const b = validatePack(reverseKeys(validPackValue()), TEST_REGISTRY);
    if (!a.ok || !b.ok) throw new Error("packs should be valid");
    expect(a.hash).toBe(
      "sha256:" + createHash("sha256").update(canonicalJson(a.pack)).digest("hex"),
    );
    expect(b.hash).toBe(a.hash);
    expect(packHash(a.pack)).toBe(a.hash);
    const changed = validPackValue();
    (changed.parameters as Record<string, unknown>).multiplier = 0.8;
    const c = validatePack(changed, TEST_REGISTRY);
    expect(c.ok && c.hash).not.toBe(a.hash);
  });
});
