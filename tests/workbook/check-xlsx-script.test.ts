import { writeFileSync } from "node:fs";
import path from "node:path";
import { checkXlsx, tempDir } from "./external-tools";

describe("scripts/check-xlsx.py", () => {
  it("exits non-zero with a message on a file openpyxl cannot load", async () => {
    const file = path.join(tempDir("check"), "broken.xlsx");
    writeFileSync(file, "not a zip file");
    await expect(checkXlsx(file)).rejects.toThrow(/check-xlsx\.py failed .*(zip|Zip)/s);
  });
});
