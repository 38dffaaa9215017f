/**
 * `npm run test:pg`: the suites again, on PostgreSQL (GONGKAI_TEST_DATABASE) — all but those that never open a
 * database (test/support/engine-free.js: running them twice only doubled CI's time), and but the console's
 * keyboard journey and its scheduling screens: they test the browser's side, while the walk through the server
 * runs on PostgreSQL in test/console/console-walk.test.ts and scheduled publication in
 * test/live/scheduled-publication.test.ts.
 */
const base = require("./jest.config");
const engineFree = require("./test/support/engine-free");

const ONCE = ["test/console/console-keyboard.test.ts", "test/console/console-schedule.test.ts"];

module.exports = {
  ...base,
  testPathIgnorePatterns: ["/node_modules/", ...[...engineFree, ...ONCE].map(entry => `<rootDir>/${entry}`)],
};
