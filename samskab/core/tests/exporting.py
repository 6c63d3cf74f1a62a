"""Helpers for the apps' export tests: read an export response back as rows."""

import csv
import io

from openpyxl import load_workbook


def csv_rows(response) -> list[list[str]]:
    """The CSV export's rows (header first); checks it is a BOM-prefixed, `;`-separated file."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def xlsx_rows(response) -> list[list]:
    """The XLSX export's rows (header first), read with openpyxl."""
    assert response.status_code == 200, response.status_code
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]
