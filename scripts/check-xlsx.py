#!/usr/bin/python3
"""Check that an .xlsx file loads cleanly in openpyxl and describe it as JSON.

Usage: /usr/bin/python3 scripts/check-xlsx.py file.xlsx [--rows N]

Prints one JSON object: document properties and, per sheet, its name, dimensions, Excel tables
(name and range), frozen pane, conditional-formatting ranges, the number of formula cells, and
the first N rows (default 5) as values, openpyxl data types and number formats.
Exits 1 on any load error or warning (openpyxl warns about parts it does not understand or had
to repair), 2 on bad usage. Needs openpyxl (Debian: python3-openpyxl, use /usr/bin/python3).
"""
import datetime
import json
import sys
import warnings


def plain(value):
    """A JSON-friendly form of a cell value."""
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)


def tables_of(ws):
    tables = getattr(ws, "tables", None)
    if tables is None:
        return []
    # openpyxl 3.0: TableList (a dict name -> Table); 3.1: also dict-like
    result = []
    for name in list(tables.keys()):
        table = tables[name]
        ref = table.ref if hasattr(table, "ref") else table
        result.append({"name": name, "ref": ref})
    return result


def describe(path, rows):
    import openpyxl

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        wb = openpyxl.load_workbook(path)
    if caught:
        raise RuntimeError("openpyxl warnings: " + "; ".join(str(w.message) for w in caught))

    props = wb.properties
    out = {
        "file": path,
        "properties": {
            "title": props.title,
            "subject": props.subject,
            "keywords": props.keywords,
            "creator": props.creator,
            "description": props.description,
        },
        "sheets": [],
    }
    for ws in wb.worksheets:
        formulas = 0
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas += 1
        first = list(ws.iter_rows(min_row=1, max_row=min(rows, ws.max_row)))
        cf_ranges = []
        for rng in ws.conditional_formatting:
            cf_ranges.append({"ref": str(rng.sqref), "types": [r.type for r in rng.rules]})
        out["sheets"].append(
            {
                "name": ws.title,
                "dimensions": ws.dimensions,
                "max_row": ws.max_row,
                "max_column": ws.max_column,
                "tables": tables_of(ws),
                "freeze_panes": ws.freeze_panes,
                "conditional_formatting": cf_ranges,
                "merged": [str(m) for m in ws.merged_cells.ranges],
                "formula_cells": formulas,
                "rows": [[plain(c.value) for c in r] for r in first],
                "types": [[c.data_type for c in r] for r in first],
                "formats": [[c.number_format for c in r] for r in first],
            }
        )
    return out


def main(argv):
    args = argv[1:]
    rows = 5
    if "--rows" in args:
        i = args.index("--rows")
        try:
            rows = int(args[i + 1])
        except (IndexError, ValueError):
            print("--rows needs a number", file=sys.stderr)
            return 2
        del args[i : i + 2]
    if len(args) != 1:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        result = describe(args[0], rows)
    except ImportError as e:
        print(f"openpyxl is not available to {sys.executable}: {e}", file=sys.stderr)
        return 1
    except Exception as e:  # noqa: BLE001 - any load problem is a failure
        print(f"{type(e).__name__}: {e}", file=sys.stderr)
        return 1
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
