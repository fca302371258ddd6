/**
 * A small seedable pseudo-random generator (sfc32, seeded through splitmix32) with the helpers the
 * sample generator needs. Pure and deterministic: the same seed always gives the same sequence, on
 * every platform (only 32-bit integer arithmetic and Math.log / sqrt / cos on the results).
 */

/** splitmix32 step: a well-mixed 32-bit hash of `x`, used to seed and to derive sub-streams. */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** Folds a number (any finite double, negative or fractional too) into 32 bits. */
function foldNumber(n: number): number {
  if (Number.isInteger(n) && Math.abs(n) <= 0xffffffff) return n >>> 0;
  const f = new Float64Array([n]);
  const u = new Uint32Array(f.buffer);
  return mix32(u[0] ^ mix32(u[1]));
}

/**
 * A seed for an independent sub-stream, e.g. `deriveSeed(seed, STREAM_SALES, customerIndex)`:
 * the streams of different parts do not overlap in any practical sense.
 */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = mix32(foldNumber(seed));
  for (const p of parts) h = mix32(h ^ foldNumber(p));
  return h;
}

/** Seedable random source (sfc32). */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number) {
    const s = foldNumber(seed);
    this.a = mix32(s);
    this.b = mix32(s ^ 0x6a09e667);
    this.c = mix32(s ^ 0xbb67ae85);
    this.d = 1;
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Normal (Gaussian) by the Box-Muller transform. */
  normal(mean = 0, sd = 1): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + sd * this.spare;
    }
    let u = this.next();
    while (u <= 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    const theta = 2 * Math.PI * v;
    this.spare = r * Math.sin(theta);
    this.hasSpare = true;
    return mean + sd * r * Math.cos(theta);
  }

  /** Log-normal with the given median and log-space standard deviation. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** One element, uniformly. `items` must not be empty. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** An index drawn with probability proportional to `weights[i]` (non-negative, not all 0). */
  weighted(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w;
    let r = this.next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  }

  /** `count` distinct integers from [min, max] (count <= range size), in ascending order. */
  distinctInts(min: number, max: number, count: number): number[] {
    const pool: number[] = [];
    for (let i = min; i <= max; i++) pool.push(i);
    for (let i = 0; i < count; i++) {
      const j = i + Math.floor(this.next() * (pool.length - i));
      const t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    return pool.slice(0, count).sort((x, y) => x - y);
  }
}

/** A new random source for `seed`. */
export function createRandom(seed: number): Random {
  return new Random(seed);
}
