/** Tests transpile with swc (fast, no type-check); `tsc --noEmit` type-checks separately in CI. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: "es2022",
          keepClassNames: true,
        },
        module: { type: "commonjs" },
      },
    ],
  },
  setupFiles: ["reflect-metadata"],
  testTimeout: 30000,
  // Note: two suites at a time even on a 2-core machine (jest's default there is one): most suites wait on a
  // spawned server, PostgreSQL or the browser, so two overlap well; CI took ~17 minutes with one.
  maxWorkers: 2,
};
