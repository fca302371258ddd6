/** Every text cell of an .xlsx file (plain and rich text), with its sheet and address. */
import ExcelJS from "exceljs";

export interface TextCell {
  sheet: string;
  address: string;
  text: string;
}

export async function workbookTexts(file: string): Promise<TextCell[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const out: TextCell[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as unknown;
        const text =
          typeof v === "string"
            ? v
            : typeof v === "object" && v !== null && "richText" in v
              ? (v as { richText: { text: string }[] }).richText.map((r) => r.text).join("")
              : null;
        if (text !== null) out.push({ sheet: ws.name, address: cell.address, text });
      }),
    ),
  );
  return out;
}
