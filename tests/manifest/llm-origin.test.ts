/**
 * The AI narrative's build setting (scripts/llm-origin.js), offline: the origin check, the pane's
 * Content-Security-Policy from the webpack config (connect-src: the pane's own origin, office.js's
 * CDN, the configured language-model origin, nothing else), and the generated manifest's
 * AppDomains (the pane's origin and the language model's).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { allElements, localName, parseXml } from "./strict-xml";

/* eslint-disable @typescript-eslint/no-require-imports */
const { checkLlmOrigin, paneCsp, withLlmAppDomain } = require("../../scripts/llm-origin.js") as {
  checkLlmOrigin: (t: string) => string;
  paneCsp: (o: { llmOrigin?: string; officeJsOrigin?: string; devServer?: boolean }) => string;
  withLlmAppDomain: (xml: string, origin: string) => string;
};
const { manifestFor } = require("../../scripts/manifest-for.js") as {
  manifestFor: (xml: string, url: string) => string;
};
type Plugin = {
  constructor: { name: string };
  userOptions?: { meta?: Record<string, { content: string }> };
};
const webpackConfig = require("../../webpack.config.js") as (
  env: Record<string, string>,
  argv: Record<string, string>,
) => Promise<{ name: string; plugins?: Plugin[] }[]>;
/* eslint-enable @typescript-eslint/no-require-imports */

const ROOT = resolve(__dirname, "../..");

test("the origin check: https, or http on a loopback host; no credentials", () => {
  expect(checkLlmOrigin("https://api.openai.com/v1")).toBe("https://api.openai.com");
  expect(checkLlmOrigin("http://127.0.0.1:11434/v1")).toBe("http://127.0.0.1:11434");
  expect(checkLlmOrigin("http://localhost:1234")).toBe("http://localhost:1234");
  expect(() => checkLlmOrigin("http://llm.example.com")).toThrow(/https/);
  expect(() => checkLlmOrigin("https://u:p@llm.example.com")).toThrow(/user name or password/);
  expect(() => checkLlmOrigin("nope")).toThrow(/not a URL/);
});

async function csp(env: Record<string, string>): Promise<string> {
  const configs = await webpackConfig(env, { mode: "production" });
  const pane = configs.find((c) => c.name === "taskpane");
  const html = pane?.plugins?.find((p) => p.constructor.name === "HtmlWebpackPlugin");
  const meta = html?.userOptions?.meta?.["Content-Security-Policy"];
  if (meta === undefined) throw new Error("no CSP meta on taskpane.html");
  return meta.content;
}

test("the pane's CSP allows the configured origin only", async () => {
  expect(await csp({ llm: "https://llm.example.com/v1" })).toBe(
    "connect-src 'self' https://appsforoffice.microsoft.com https://llm.example.com",
  );
  // No setting: the pane reaches its own origin (and office.js's) only.
  const saved = process.env.RGO_LLM_ORIGIN;
  delete process.env.RGO_LLM_ORIGIN;
  try {
    expect(await csp({})).toBe("connect-src 'self' https://appsforoffice.microsoft.com");
    expect(await csp({ officejs: "local" })).toBe("connect-src 'self'");
  } finally {
    if (saved !== undefined) process.env.RGO_LLM_ORIGIN = saved;
  }
  await expect(csp({ llm: "http://llm.example.com" })).rejects.toThrow(/https/);
  expect(paneCsp({ devServer: true })).toBe("connect-src 'self' wss://localhost:3000");
});

test("the generated manifest's AppDomains: the pane's origin, then the language model's", () => {
  const dev = readFileSync(resolve(ROOT, "manifest.xml"), "utf8");
  const xml = withLlmAppDomain(
    manifestFor(dev, "https://example.com/rgo"),
    "https://llm.example.com/v1",
  );
  const domains = allElements(parseXml(xml))
    .filter((e) => localName(e.name) === "AppDomain")
    .map((e) => e.text.trim());
  expect(domains).toEqual(["https://example.com", "https://llm.example.com"]);
  // Everything else is the manifest as generated without the setting.
  expect(xml.replace(/\s*<AppDomain>https:\/\/llm\.example\.com<\/AppDomain>/, "")).toBe(
    manifestFor(dev, "https://example.com/rgo"),
  );
});
