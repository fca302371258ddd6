/**
 * Jest for the end-to-end task-pane tests (tests/e2e/*.e2e.ts): the pane built once with local
 * office.js, served over http://localhost, driven in headless Debian Chromium by playwright-core.
 * One worker: the suites share the machine's two cores with the browser and the engine worker.
 */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests/e2e"],
  testMatch: ["**/*.e2e.ts"],
  transform: {
    "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json" }],
  },
  // The pane is built once here for every e2e file.
  globalSetup: "<rootDir>/tests/e2e/support/global-setup.ts",
  maxWorkers: 1,
  testTimeout: 300000,
  reporters: ["default", "<rootDir>/tests/support/closing-line-reporter.js"],
};
