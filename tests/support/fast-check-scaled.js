"use strict";
/**
 * fast-check with every property run RGO_FC_SCALE times as often (default 5), for
 * `npm run test:stress` (jest.stress.config.js maps "fast-check" here). The ordinary suite draws
 * new random seeds on every CI run; this finds the rare counterexample before CI does. Each
 * failure prints its seed and path, to be kept as a fixed example beside the property.
 */
const path = require("node:path");
const real = require(
  path.join(__dirname, "..", "..", "node_modules", "fast-check", "lib", "cjs", "fast-check.js"),
);

const scale = Number(process.env.RGO_FC_SCALE ?? 5);
if (!(scale > 0))
  throw new Error(`RGO_FC_SCALE must be a number above 0, not ${process.env.RGO_FC_SCALE}`);

function assert(property, params) {
  const runs = Math.ceil((params?.numRuns ?? real.readConfigureGlobal()?.numRuns ?? 100) * scale);
  return real.assert(property, { ...params, numRuns: runs });
}

const scaled = { ...real, assert };
module.exports = { ...scaled, default: scaled, __esModule: true };
