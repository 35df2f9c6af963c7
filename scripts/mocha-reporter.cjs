// Spec output plus one closing line "LABEL: N passed, N failed" that CI and
// scripts/test.mjs read. LABEL comes from reporterOptions.label or SUITE_LABEL.
const Mocha = require('mocha');
const { EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options = {}) {
    super(runner, options);
    const label = (options.reporterOptions && options.reporterOptions.label) || process.env.SUITE_LABEL || 'tests';
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    runner.on(EVENT_TEST_PASS, () => passed++);
    runner.on(EVENT_TEST_FAIL, () => failed++);
    runner.on(EVENT_TEST_PENDING, () => skipped++);
    runner.once(EVENT_RUN_END, () => {
      const tail = skipped ? `, ${skipped} skipped` : '';
      // Spec registered its epilogue first, so this is the suite's last line.
      console.log(`${label}: ${passed} passed, ${failed} failed${tail}`);
    });
  }
}

module.exports = SummaryReporter;
