/** exceljs's browser bundle has the same API as the package (types from "exceljs"). */
declare module "exceljs/dist/exceljs.min.js" {
  export * from "exceljs";
}
