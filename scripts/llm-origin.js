"use strict";
/**
 * The one language-model origin a build of the pane may talk to (the optional AI narrative,
 * docs/NARRATIVE.md): `npm run build:web -- --env llm=https://api.openai.com` (or RGO_LLM_ORIGIN).
 * It goes into the pane's Content-Security-Policy (`connect-src 'self'` + that origin; without the
 * setting the pane can connect to its own origin only) and, with `--env url=…`, into the generated
 * manifest's AppDomains. https only, except a loopback host (a local Ollama / LM Studio / vLLM).
 * Checked offline by tests/manifest/llm-origin.test.ts.
 */
const { URL } = require("node:url");

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** The origin of `text` (scheme://host[:port]), or an Error saying what is wrong. */
function checkLlmOrigin(text) {
  let url;
  try {
    url = new URL(String(text));
  } catch {
    throw new Error(
      `"${text}" is not a URL: give the language model's address, e.g. https://api.openai.com`,
    );
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname)))
    throw new Error(`"${text}" must start with https:// (http only for localhost / 127.0.0.1)`);
  if (url.username || url.password)
    throw new Error(`"${text}" must not carry a user name or password`);
  return url.origin;
}

/**
 * The pane's Content-Security-Policy: the pane may fetch from its own origin, office.js's CDN when
 * it loads office.js from there, the dev server's live-reload socket when served, and the
 * configured language-model origin; nothing else.
 */
function paneCsp({ llmOrigin, officeJsOrigin, devServer } = {}) {
  const connect = [
    "'self'",
    ...(officeJsOrigin ? [officeJsOrigin] : []),
    ...(devServer ? ["wss://localhost:3000"] : []),
    ...(llmOrigin ? [llmOrigin] : []),
  ];
  return `connect-src ${connect.join(" ")}`;
}

/** The manifest with `llmOrigin` added to its AppDomains (after the pane's own). */
function withLlmAppDomain(xml, llmOrigin) {
  const origin = checkLlmOrigin(llmOrigin);
  if (!/<\/AppDomains>/.test(xml)) throw new Error("the manifest has no AppDomains element");
  return xml.replace(/( *)<\/AppDomains>/, `$1  <AppDomain>${origin}</AppDomain>\n$1</AppDomains>`);
}

module.exports = { checkLlmOrigin, paneCsp, withLlmAppDomain };
