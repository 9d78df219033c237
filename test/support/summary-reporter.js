// Writes the run's totals where .ci/run can print its own "N passed, N failed" line (stack-notes: CI reads that).
import { writeFileSync } from 'node:fs';

export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
    };
    writeFileSync('.jest-results.json', JSON.stringify(summary));
  }
}
