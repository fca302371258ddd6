#!/usr/bin/env node
/**
 * Draws the add-in's icons (assets/icon-<size>.png, sizes 16/32/64/80/128) programmatically: a blue
 * rounded square with three white revenue bars, the last one short, and the missing revenue above
 * it in amber (the "gap"). No downloads, no dependencies: shapes are sampled 8 x 8 per pixel for
 * anti-aliasing and the PNG (RGBA, 8 bit) is written with Node's zlib.
 *
 *   node scripts/make-icons.js [outDir]      (default: assets/)
 */
/* global Buffer */
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const SUPERSAMPLE = 8;

const BLUE = [15, 108, 189]; // Fluent brand #0F6CBD
const WHITE = [255, 255, 255];
const AMBER = [247, 162, 27];

/** Shapes in unit coordinates (0..1, y down), painted in order. */
const BARS = [
  { x0: 0.2, x1: 0.34, top: 0.44 },
  { x0: 0.43, x1: 0.57, top: 0.28 },
  { x0: 0.66, x1: 0.8, top: 0.62 },
];
const BASE = 0.8;
const GAP = { x0: 0.66, x1: 0.8, y0: 0.36, y1: 0.58 };

function inRoundedSquare(x, y, r) {
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= 0 && x <= 1 && y >= 0 && y <= 1;
}

/** Colour at a unit point, or null outside the icon. */
function colourAt(x, y) {
  if (!inRoundedSquare(x, y, 0.18)) return null;
  for (const b of BARS) if (x >= b.x0 && x < b.x1 && y >= b.top && y < BASE) return WHITE;
  if (x >= GAP.x0 && x < GAP.x1 && y >= GAP.y0 && y < GAP.y1) return AMBER;
  return BLUE;
}

/** RGBA pixels (premultiplied coverage turned into straight alpha). */
function render(size) {
  const px = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let pxX = 0; pxX < size; pxX++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = colourAt((pxX + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (c === null) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (py * size + pxX) * 4;
      if (a > 0) {
        px[o] = Math.round(r / a);
        px[o + 1] = Math.round(g / a);
        px[o + 2] = Math.round(b / a);
        px[o + 3] = Math.round((255 * a) / (n * n));
      }
    }
  }
  return px;
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Encodes RGBA pixels as a PNG file (colour type 6, bit depth 8, no interlace). */
function encodePng(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  const outDir = path.resolve(process.argv[2] || path.join(__dirname, "..", "assets"));
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, render(size)));
    console.log(`${path.relative(process.cwd(), file)} (${size} x ${size})`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, render, SIZES };
