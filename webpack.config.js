/**
 * Browser bundles, all into dist-web/ (or `--env outdir=<dir>`):
 * - `taskpane`: the task pane (React + Fluent UI, src/taskpane/index.tsx) with taskpane.html, a
 *   `vendor` chunk for node_modules, and exceljs's browser build as a lazy chunk (preview only).
 * - `engine-worker`: the engine Web Worker (`engine-worker.js`, webworker target), which also holds
 *   the preview's workbook: the .xlsx reader, and exceljs's browser build as its lazy chunk
 *   (`engine-worker.<name>.<hash>.js`). No Node fallbacks: an accidental `fs` / `path` import in
 *   the engine fails the build.
 * - assets/ (icons) and help.html (the manifest's SupportUrl) are copied next to the page.
 *
 * office.js is never bundled. `--env officejs=cdn` puts Microsoft's CDN script in taskpane.html;
 * `--env officejs=local` points it at /office-js/office.js and copies @microsoft/office-js's dist/
 * to dist-web/office-js (offline development and tests). Default: cdn in production mode, local in
 * development mode (`npm run build:dev`, `npm run dev-server`).
 *
 * Deployment: `npm run build:web -- --env url=https://example.com/rgo` (or RGO_URL in the
 * environment) also writes dist-web/manifest.xml for that address (scripts/manifest-for.js: every
 * dev-server URL moved there, AppDomains its origin); a bad URL fails the build.
 * `--env llm=https://api.openai.com` (or RGO_LLM_ORIGIN) names the one language-model origin the
 * optional AI narrative may reach: the pane's Content-Security-Policy (connect-src) and the
 * generated manifest's AppDomains allow it, nothing else (scripts/llm-origin.js).
 *
 * The dev server (`npm run dev-server`) serves the development build on https://localhost:3000
 * with office-addin-dev-certs' certificates when they exist in ~/.office-addin-dev-certs (create
 * them with `npx office-addin-dev-certs install`), else with webpack-dev-server's own self-signed
 * certificate (the browser asks to trust it once).
 */
const fs = require("fs");
const path = require("path");
const { URL } = require("url");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { checkBaseUrl, manifestFor } = require("./scripts/manifest-for");
const { checkLlmOrigin, paneCsp, withLlmAppDomain } = require("./scripts/llm-origin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const CDN_OFFICE_JS = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const LOCAL_OFFICE_JS = "/office-js/office.js";
const DEV_PORT = 3000;

/** TypeScript through ts-loader, as ES modules so webpack can split `import()` and tree-shake. */
function tsRule(test) {
  return {
    test,
    loader: "ts-loader",
    exclude: /node_modules/,
    options: {
      configFile: "tsconfig.json",
      onlyCompileBundledFiles: true,
      transpileOnly: true,
      compilerOptions: { module: "esnext", moduleResolution: "bundler", sourceMap: true },
    },
  };
}

/** HTTPS options for the dev server: office-addin-dev-certs' files when present, else self-signed. */
async function devServerHttps() {
  let defaults;
  try {
    defaults = require("office-addin-dev-certs/lib/defaults");
  } catch {
    return { type: "https" };
  }
  const files = [
    defaults.caCertificatePath,
    defaults.localhostCertificatePath,
    defaults.localhostKeyPath,
  ];
  if (!files.every((f) => fs.existsSync(f))) return { type: "https" };
  const { getHttpsServerOptions } = require("office-addin-dev-certs");
  return { type: "https", options: await getHttpsServerOptions() };
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === "development" ? "development" : "production";
  const dev = mode === "development";
  const officeJs =
    env.officejs === "cdn" || env.officejs === "local" ? env.officejs : dev ? "local" : "cdn";
  const outDir = path.resolve(__dirname, env.outdir || "dist-web");
  const serving = Boolean(process.env.WEBPACK_SERVE);
  const deployUrl = env.url || process.env.RGO_URL;
  if (deployUrl) checkBaseUrl(deployUrl); // fail before building anything
  // The AI narrative's one language-model origin: the pane's CSP and the manifest allow it only.
  const llmSetting = env.llm || process.env.RGO_LLM_ORIGIN;
  const llmOrigin = llmSetting ? checkLlmOrigin(llmSetting) : undefined;

  const common = {
    mode,
    devtool: dev ? "source-map" : false,
    output: { path: outDir, publicPath: "auto" },
    performance: { hints: false },
    stats: "errors-warnings",
  };

  const pane = {
    ...common,
    name: "taskpane",
    target: "web",
    entry: { taskpane: "./src/taskpane/index.tsx" },
    output: {
      ...common.output,
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      // The worker config writes engine-worker.js (and its chunks) into the same folder: keep them.
      clean: { keep: /^engine-worker[.]/ },
    },
    resolve: { extensions: [".ts", ".tsx", ".js"] },
    module: {
      rules: [tsRule(/\.tsx?$/)],
    },
    optimization: {
      splitChunks: {
        cacheGroups: {
          vendor: { test: /[\\/]node_modules[\\/]/, name: "vendor", chunks: "initial" },
        },
      },
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        scriptLoading: "defer",
        officeJs: officeJs === "cdn" ? CDN_OFFICE_JS : LOCAL_OFFICE_JS,
        meta: {
          "Content-Security-Policy": {
            "http-equiv": "Content-Security-Policy",
            content: paneCsp({
              llmOrigin,
              officeJsOrigin: officeJs === "cdn" ? new URL(CDN_OFFICE_JS).origin : undefined,
              devServer: serving,
            }),
          },
        },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/help.html", to: "help.html" },
          ...(deployUrl
            ? [
                {
                  from: "manifest.xml",
                  to: "manifest.xml",
                  transform: (content) => {
                    const xml = manifestFor(content.toString("utf8"), deployUrl);
                    return llmOrigin ? withLlmAppDomain(xml, llmOrigin) : xml;
                  },
                },
              ]
            : []),
          ...(officeJs === "local"
            ? [
                {
                  from: "node_modules/@microsoft/office-js/dist",
                  to: "office-js",
                  // 87 MB of already minified scripts: never hand them to terser.
                  info: { minimized: true },
                },
              ]
            : []),
        ],
      }),
    ],
    devServer: {
      port: DEV_PORT,
      server: serving ? await devServerHttps() : { type: "https" },
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      hot: false,
      liveReload: true,
      client: { overlay: { warnings: false, errors: true } },
      devMiddleware: { writeToDisk: false },
      open: false,
    },
  };

  const worker = {
    ...common,
    name: "engine-worker",
    target: "webworker",
    entry: { "engine-worker": "./src/taskpane/worker/engine-worker.ts" },
    // exceljs (the preview's download, built in the worker) is the worker's lazy chunk.
    output: {
      ...common.output,
      filename: "[name].js",
      chunkFilename: "engine-worker.[name].[contenthash:8].js",
    },
    resolve: {
      extensions: [".ts", ".js"],
      // No Node polyfills: an accidental `fs` / `path` import in the engine must fail the build.
      fallback: {},
    },
    module: { rules: [tsRule(/\.ts$/)] },
  };

  return [pane, worker];
};
