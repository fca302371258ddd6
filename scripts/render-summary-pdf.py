#!/usr/bin/env python3
"""
Render RGO Summary of a results workbook to PDF with LibreOffice, and page 1 to PNG.

    /usr/bin/python3 scripts/render-summary-pdf.py [results.xlsx] [--pdf docs/rgo-summary.pdf]
        [--png docs/screenshots/rgo-summary-page1.png]

Without a results file it runs the demo's inputs itself (the compiled CLI in dist/, `npm run
build:cli` first): `rgo sample` (500 customers x 26 weeks, seed 42, as `npm run demo`) and
`rgo analyze` with the default pack, in a temporary folder. The workbook is copied with openpyxl
keeping only the RGO Summary sheet (its charts kept), set to landscape, one page wide; then
`soffice --headless --convert-to pdf` and `pdftoppm -png -f 1 -l 1`. Nothing is written next to
the input; the outputs are replaced whole (written to a temporary name, then renamed).
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

import openpyxl

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHEET = "RGO Summary"


def run(args, cwd=None):
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(f"render-summary-pdf: {' '.join(args)} failed:\n{done.stderr}\n")
        sys.exit(done.returncode or 1)
    return done


def demo_results(tmp):
    rgo = [shutil.which("node") or "node", os.path.join(ROOT, "bin", "rgo.js")]
    sample = os.path.join(tmp, "sample.xlsx")
    results = os.path.join(tmp, "results.xlsx")
    run(rgo + ["sample", "--customers", "500", "--weeks", "26", "--seed", "42", "--out", sample])
    run(rgo + ["analyze", sample, "--rules", "default", "--out", results, "--quiet"])
    return results


def summary_only(src, dst):
    wb = openpyxl.load_workbook(src)
    if SHEET not in wb.sheetnames:
        sys.stderr.write(f"render-summary-pdf: {src} has no sheet {SHEET!r}\n")
        sys.exit(2)
    for name in list(wb.sheetnames):
        if name != SHEET:
            del wb[name]
    ws = wb[SHEET]
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_options.gridLines = False
    wb.save(dst)


def replace(src, dst):
    os.makedirs(os.path.dirname(os.path.abspath(dst)), exist_ok=True)
    tmp = f"{dst}.tmp-{os.getpid()}"
    shutil.copyfile(src, tmp)
    os.replace(tmp, dst)


def main():
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("results", nargs="?", help="a results workbook (default: run the demo)")
    ap.add_argument("--pdf", default=os.path.join(ROOT, "docs", "rgo-summary.pdf"))
    ap.add_argument("--png", default=os.path.join(ROOT, "docs", "screenshots", "rgo-summary-page1.png"))
    ap.add_argument("--dpi", type=int, default=120)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="rgo-summary-pdf-") as tmp:
        results = a.results or demo_results(tmp)
        only = os.path.join(tmp, "rgo-summary.xlsx")
        summary_only(results, only)
        profile = "file://" + os.path.join(tmp, "lo-profile")
        run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
             "--outdir", tmp, only])
        pdf = os.path.join(tmp, "rgo-summary.pdf")
        run(["pdftoppm", "-png", "-r", str(a.dpi), "-f", "1", "-l", "1", "-singlefile", pdf,
             os.path.join(tmp, "page1")])
        replace(pdf, a.pdf)
        replace(os.path.join(tmp, "page1.png"), a.png)
    print(f"{a.pdf}\n{a.png}")


if __name__ == "__main__":
    main()
