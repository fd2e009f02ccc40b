"""The streaming spreadsheet writer: a valid OpenDocument file that odfpy reads back cell
for cell, text kept as text, numbers as numbers."""

import io
import zipfile
from decimal import Decimal

from django.test import SimpleTestCase
from odf.opendocument import load
from odf.table import Table, TableCell, TableRow
from odf.teletype import extractText

from anxin.core.ods import MIMETYPE, OdsStream


def read(data: bytes) -> dict[str, list[list[tuple[str | None, str]]]]:
    document = load(io.BytesIO(data))
    tables = {}
    for table in document.spreadsheet.getElementsByType(Table):
        rows = []
        for row in table.getElementsByType(TableRow):
            rows.append(
                [
                    (cell.getAttribute("valuetype"), extractText(cell))
                    for cell in row.getElementsByType(TableCell)
                ]
            )
        tables[table.getAttribute("name")] = rows
    return tables


class OdsStreamTests(SimpleTestCase):
    def test_tables_of_text_and_numbers_read_back_as_written(self):
        writer = OdsStream()
        writer.table(
            "概要", [["調查", "人數", "時數"], ["需求調查 <114> & 回饋", 44899, Decimal("1.5")]]
        )
        writer.table('各題 "結果"', [["=SUM(A1)", 3.25, None, "第一行\x0b第二行"]])
        tables = read(writer.finish())
        self.assertEqual(list(tables), ["概要", '各題 "結果"'])
        self.assertEqual(
            tables["概要"],
            [[("string", "調查"), ("string", "人數"), ("string", "時數")],
             [("string", "需求調查 <114> & 回饋"), ("float", "44899"), ("float", "1.5")]],
        )  # fmt: skip
        row = tables['各題 "結果"'][0]
        # A formula-like text stays text; a control character XML forbids is dropped.
        self.assertEqual(row[0], ("string", "=SUM(A1)"))
        self.assertEqual(row[1], ("float", "3.25"))
        self.assertEqual(row[2], (None, ""))
        self.assertEqual(row[3], ("string", "第一行第二行"))

    def test_the_mimetype_comes_first_and_uncompressed(self):
        writer = OdsStream()
        writer.table("t", [[1]])
        archive = zipfile.ZipFile(io.BytesIO(writer.finish()))
        first = archive.infolist()[0]
        self.assertEqual(first.filename, "mimetype")
        self.assertEqual(first.compress_type, zipfile.ZIP_STORED)
        self.assertEqual(archive.read("mimetype").decode(), MIMETYPE)
        self.assertIn("content.xml", archive.namelist())
