/**
 * Suites that never open a database — the formats, the pure machine, validation, reading files. They answer the
 * same on every engine, so `npm test` runs them and `npm run test:pg` (jest.pg.config.js) leaves them out.
 * test/architecture/engine-free.test.ts fails if one of them comes to import the database: then it leaves this list.
 */
module.exports = [
  "test/formats/",
  "test/validation/",
  "test/workflow/",
  "test/console/cache.test.ts",
  "test/import/errors.test.ts",
  "test/import/files.test.ts",
  "test/import/readers.test.ts",
  "test/import/roundtrip-files.test.ts",
  "test/import/roundtrip-text.test.ts",
  "test/import/samples.test.ts",
  "test/import/seed.test.ts",
  "test/import/shapes.test.ts",
  "test/import/template.test.ts",
];
