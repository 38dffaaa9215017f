// ESLint flat config (issue 10, "Habits"): typescript-eslint's type-aware rules over src/, test/ and bench/.
// Run with `npm run lint`; CI runs it before the tests (.ci/run).
import js from "@eslint/js";
import { importX } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

/**
 * Files allowed over the size limits (300 lines a file, 60 a function), each named so it cannot grow unseen. None
 * is left: the last four were split in issue 10.
 */
const OVERSIZED = [];

export default tseslint.config(
  {
    ignores: ["dist/**", "bench/.build/**", "node_modules/**", "console/**", "coverage/**", "**/*.js", "**/*.mjs", "**/*.cjs"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ["src/**/*.ts", "test/**/*.ts", "bench/**/*.ts"],
    plugins: { "import-x": importX },
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        // type-graphql reads parameter and property types through decorator metadata: an import used only in a
        // decorated signature is a value at run time and must not become `import type`.
        emitDecoratorMetadata: true,
        experimentalDecorators: true,
      },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "separate-type-imports" }],
      "@typescript-eslint/switch-exhaustiveness-check": ["error", { considerDefaultExhaustiveForUnions: true }],
      // `_type =>` thunks (type-graphql) and `_` placeholders are deliberate.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "import-x/order": [
        "error",
        {
          groups: ["builtin", "external", "internal", "parent", "sibling", "index"],
          alphabetize: { order: "asc", caseInsensitive: true },
        },
      ],
      "import-x/no-default-export": "error",
      // Apollo plugin hooks are async by interface; some have nothing to await.
      "@typescript-eslint/require-await": "off",
      // Input checks match control characters on purpose (text-input.ts, import/normalize.ts).
      "no-control-regex": "off",
    },
  },
  {
    // Source size limits (GUIDE: files < 300 lines, functions < 60).
    files: ["src/**/*.ts", "bench/**/*.ts"],
    // Applied migrations are history and are never edited, whatever their length.
    ignores: [...OVERSIZED, "src/migrations/**"],
    rules: {
      "max-lines": ["error", { max: 300 }],
      "max-lines-per-function": ["error", { max: 60, IIFEs: true }],
    },
  },
  {
    // Tests and benchmarks read GraphQL responses as untyped JSON; the unsafe-any family would only add casts.
    // The live stream reads audit and notification rows with raw SQL on both engines (pg and better-sqlite3
    // answer untyped rows); until those reads get typed row interfaces (noted for the next round), the same
    // family is off there too, and every other rule applies.
    files: ["test/**/*.ts", "bench/**/*.ts", "src/live/**/*.ts", "src/resolvers/live.resolver.ts", "src/server/websocket.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
);
