/** Every text cell of an .xlsx file (plain and rich text), with its sheet and address. */
import ExcelJS from "exceljs";

export interface TextCell {
  sheet: string;
  address: string;
  text: string;
}

/** The text of a cell value (plain or rich text), or null when it is not text. */
export function cellText(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "object" && v !== null && "richText" in v)
    return (v as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
  return null;
}

export async function workbookTexts(file: string): Promise<TextCell[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: TextCell[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const text = cellText(cell.value);
        if (text !== null) out.push({ sheet: ws.name, address: cell.address, text });
      }),
    ),
  );
  return out;
}
