#!/usr/bin/env bash
# The test suite proves our workbooks open in independent readers (LibreOffice, openpyxl), compares
# rgo's seed-tier2 summary with the pandas peer scripts/bench-pandas.py (pandas), and the
# end-to-end tests drive the task pane in headless Chromium (playwright-core + Debian's chromium at
# /usr/bin/chromium). Those come from Debian's packages; install what is missing (as root), or say
# exactly what to install.
set -euo pipefail

missing=()
command -v soffice >/dev/null 2>&1 || command -v libreoffice >/dev/null 2>&1 || missing+=(libreoffice-calc-nogui)
/usr/bin/python3 -c "import openpyxl" >/dev/null 2>&1 || missing+=(python3-openpyxl)
/usr/bin/python3 -c "import pandas" >/dev/null 2>&1 || missing+=(python3-pandas)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "The tests need these Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing test dependencies from Debian: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
