"use strict";
/**
 * Prints one plain closing line, "tests: N passed, N failed, N skipped", after jest's own summary,
 * so CI and people reading logs see the counts in a form any tool can parse.
 */
class ClosingLineReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(
      `\ntests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`,
    );
  }
}
module.exports = ClosingLineReporter;
