"""The .xlsx reading peer for `npm run bench` (issue 14): reads every cell of a workbook with
openpyxl in read-only mode, as a user's Python script would, and prints one JSON line: the read
time (seconds, in-process), the peak resident memory, and per sheet the rows, the non-empty cells
and the sum of the number cells (dates and booleans left out), which scripts/xlsx-read-ratio.js
compares with rgo's reader on the same file.

Usage: /usr/bin/python3 scripts/bench-openpyxl-read.py FILE   (Debian's python3-openpyxl)
"""
import datetime
import json
import resource
import sys
import time

import openpyxl


def main() -> None:
    path = sys.argv[1]
    t0 = time.perf_counter()
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheets = []
    for ws in wb.worksheets:
        rows = 0
        cells = 0
        total = 0.0
        for row in ws.iter_rows(values_only=True):
            if all(v is None for v in row):
                continue
            rows += 1
            for v in row:
                if v is None:
                    continue
                cells += 1
                if isinstance(v, (int, float)) and not isinstance(v, (bool, datetime.datetime)):
                    total += v
        sheets.append({"name": ws.title, "rows": rows, "cells": cells, "numberSum": total})
    wb.close()
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"seconds": seconds, "peakRssBytes": peak, "sheets": sheets}))


if __name__ == "__main__":
    main()
