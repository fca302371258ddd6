"use strict";
/** Where the shared CDNOW purchase log is for the model scripts: `--data` wins, else the shared/
 * folder next to the repository (or next to a worktrees' folder one level up). */
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const REL = "shared/data/real/cdnow/cdnow_master.csv";

/** The CDNOW master CSV's path, or an Error naming what is missing. */
function cdnowMasterFile(data) {
  if (data) return path.resolve(data);
  for (const up of ["..", "../.."]) {
    const f = path.resolve(ROOT, up, REL);
    if (fs.existsSync(f)) return f;
  }
  throw new Error(`cannot find ${REL} next to the repository; pass --data`);
}

module.exports = { cdnowMasterFile };
