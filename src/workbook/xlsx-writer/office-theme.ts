/**
 * The theme part (xl/theme/theme1.xml) of a results workbook: the Office colour palette the
 * results have always been shown in (TableStyleMedium2 and the default font's colour refer to
 * it), the Calibri / Cambria fonts, and the smallest format scheme the schema allows (three
 * entries per list). Written once; no spreadsheet library needed.
 */
const COLOURS: readonly [string, string][] = [
  ["dk2", "1F497D"],
  ["lt2", "EEECE1"],
  ["accent1", "4F81BD"],
  ["accent2", "C0504D"],
  ["accent3", "9BBB59"],
  ["accent4", "8064A2"],
  ["accent5", "4BACC6"],
  ["accent6", "F79646"],
  ["hlink", "0000FF"],
  ["folHlink", "800080"],
];

const fill = '<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>';
const line = `<a:ln w="9525">${fill}</a:ln>`;
const effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";

/** xl/theme/theme1.xml. */
export const OFFICE_THEME_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Office Theme"><a:themeElements>' +
  '<a:clrScheme name="Office"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>' +
  '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>' +
  COLOURS.map(([name, rgb]) => `<a:${name}><a:srgbClr val="${rgb}"/></a:${name}>`).join("") +
  "</a:clrScheme>" +
  '<a:fontScheme name="Office">' +
  '<a:majorFont><a:latin typeface="Cambria"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>' +
  '<a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>' +
  "</a:fontScheme>" +
  '<a:fmtScheme name="Office">' +
  `<a:fillStyleLst>${fill}${fill}${fill}</a:fillStyleLst>` +
  `<a:lnStyleLst>${line}${line}${line}</a:lnStyleLst>` +
  `<a:effectStyleLst>${effect}${effect}${effect}</a:effectStyleLst>` +
  `<a:bgFillStyleLst>${fill}${fill}${fill}</a:bgFillStyleLst>` +
  "</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>";
