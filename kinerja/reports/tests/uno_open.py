"""Open documents in one headless LibreOffice, as the Walikota's office would; say what it shows.

Run by Debian's python3, which has LibreOffice's `uno` module (the project's virtualenv does not):

    python3 uno_open.py OUTDIR FILE...

A spreadsheet is recalculated in full after loading (the cached results the writer stored are not
trusted) and every formula cell is reported with its result or its error; a text document is
exported to OUTDIR/<name>.pdf. Prints one JSON object; exits 2 when LibreOffice does not answer.
"""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

# com.sun.star.sheet.CellFlags.FORMULA and com.sun.star.sheet.FormulaResult
FORMULA_CELLS = 16
RESULT_VALUE, RESULT_STRING, RESULT_ERROR = 1, 2, 4
START_SECONDS = 90


def _prop(name: str, value) -> PropertyValue:
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def _start(profile: Path, pipe: str):
    proc = subprocess.Popen(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + START_SECONDS
    while True:
        try:
            ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                print(json.dumps({"error": "LibreOffice did not start"}))
                sys.exit(2)
            time.sleep(0.2)
    desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    return proc, desktop


def _spreadsheet(doc) -> dict:
    doc.calculateAll()
    cells = []
    sheets = doc.getSheets()
    for i in range(sheets.getCount()):
        sheet = sheets.getByIndex(i)
        found = sheet.queryContentCells(FORMULA_CELLS).getCells().createEnumeration()
        while found.hasMoreElements():
            cell = found.nextElement()
            address = cell.getCellAddress()
            kind = cell.getPropertyValue("FormulaResultType2")
            error = cell.getError()
            cells.append(
                {
                    "sheet": sheet.getName(),
                    "row": address.Row + 1,
                    "column": address.Column + 1,
                    "formula": cell.getFormula(),
                    "error": cell.getString() if error or kind == RESULT_ERROR else "",
                    "value": cell.getValue() if kind == RESULT_VALUE else cell.getString(),
                }
            )
    return {"sheets": sheets.getCount(), "formulas": cells}


def _text(doc, path: Path, outdir: Path) -> dict:
    pdf = outdir / (path.stem + ".pdf")
    doc.storeToURL(pdf.as_uri(), (_prop("FilterName", "writer_pdf_Export"),))
    return {"pdf": str(pdf)}


def main() -> None:
    outdir = Path(sys.argv[1]).resolve()
    files = [Path(f).resolve() for f in sys.argv[2:]]
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kinerja-lo-") as tmp:
        proc, desktop = _start(Path(tmp) / "profile", f"kinerja{os.getpid()}")
        report: dict[str, dict] = {}
        try:
            for path in files:
                try:
                    doc = desktop.loadComponentFromURL(
                        path.as_uri(), "_blank", 0, (_prop("Hidden", True),)
                    )
                except Exception as exc:  # LibreOffice refuses the file: reported, not raised
                    report[str(path)] = {"error": f"{type(exc).__name__}: {exc}"}
                    continue
                if doc is None:
                    report[str(path)] = {"error": "not opened"}
                    continue
                try:
                    if doc.supportsService("com.sun.star.sheet.SpreadsheetDocument"):
                        report[str(path)] = _spreadsheet(doc)
                    else:
                        report[str(path)] = _text(doc, path, outdir)
                finally:
                    doc.close(True)
        finally:
            with contextlib.suppress(Exception):  # the bridge closes as LibreOffice quits
                desktop.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
    print(json.dumps(report))


if __name__ == "__main__":
    main()
