/** Jest: engine tests run in the node environment (json-rules-engine's ESM browser build trips jsdom). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  testTimeout: 120000,
  reporters: ["default", "<rootDir>/tests/support/closing-line-reporter.js"],
};
