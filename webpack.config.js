/**
 * Browser bundles. Today: the engine Web Worker (`dist-web/engine-worker.js`), which also proves
 * that src/engine and src/rules stay free of Node built-ins (the build fails if one is imported).
 * The task pane itself (React + Fluent UI, office.js) is added by the add-in work (issue 4).
 */
const path = require("path");

module.exports = (_env, argv) => ({
  mode: argv.mode === "development" ? "development" : "production",
  target: "webworker",
  entry: { "engine-worker": "./src/taskpane/worker/engine-worker.ts" },
  output: { path: path.resolve(__dirname, "dist-web"), filename: "[name].js", clean: true },
  resolve: {
    extensions: [".ts", ".js"],
    // No Node polyfills: an accidental `fs` / `path` import in the engine must fail the build.
    fallback: {},
  },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: "ts-loader",
        exclude: /node_modules/,
        options: {
          configFile: "tsconfig.json",
          onlyCompileBundledFiles: true,
          transpileOnly: true,
        },
      },
    ],
  },
  devtool: argv.mode === "development" ? "source-map" : false,
  performance: { maxAssetSize: 1_000_000, maxEntrypointSize: 1_000_000 },
});
