import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Folders of src/ and the layers each may not import. */
const FORBIDDEN = {
  rules: ["engine", "workbook", "taskpane", "cli"],
  engine: ["workbook", "taskpane", "cli"],
  workbook: ["taskpane", "cli"],
  taskpane: ["cli"],
  cli: ["taskpane"],
};

function layerRules() {
  return Object.entries(FORBIDDEN).map(([layer, banned]) => ({
    files: [`src/${layer}/**/*.{ts,tsx}`],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: `^(\\.\\./)+(${banned.join("|")})(/|$)`,
              message: `src/${layer} may not import ${banned.map((b) => `src/${b}`).join(", ")}: layers import downward only (rules <- engine <- workbook <- taskpane, cli).`,
            },
          ],
        },
      ],
    },
  }));
}

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "dist-web/**",
      "node_modules/**",
      "coverage/**",
      "out/**",
      "bench-out/**",
      "src/**/*.generated.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/engine/**/*.ts", "src/rules/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      // The engine and rules are pure: no host, DOM, storage or network access (adapters do that).
      "no-restricted-globals": [
        "error",
        ...["window", "document", "navigator", "localStorage", "sessionStorage", "fetch"],
        ...["XMLHttpRequest", "WebSocket", "Office", "Excel", "process", "require"],
      ],
    },
  },
  // Layers import downward only: rules <- engine <- workbook (adapters) <- taskpane, cli.
  // tests/architecture/layers.test.ts proves these bite and that src/ has no import circles.
  ...layerRules(),
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
);
