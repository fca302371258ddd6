/**
 * `npm run test:stress`: the unit suite's property tests (files calling fc.assert), each property
 * run RGO_FC_SCALE times (default 5) as often through tests/support/fast-check-scaled.js.
 */
const base = require("./jest.config");

module.exports = {
  ...base,
  moduleNameMapper: { "^fast-check$": "<rootDir>/tests/support/fast-check-scaled.js" },
};
