"""A streaming OpenDocument spreadsheet writer, for exports too large for odfpy's tree.

odfpy builds a document object per cell and serialises the tree at the end: for the
survey raw-data export (450,000 cells in the benchmark) that is the whole cost, 80 times a
plain SELECT of the same data (bench/README.md). An .ods file is a zip of XML parts; this
writes `content.xml` row by row into the zip instead. Only what the exports need: named
tables of text and number cells, no styles. Small files are written this way too (odfpy
is left to reading an uploaded ODS roster).

    writer = OdsStream()
    writer.table("名冊", rows)   # rows: iterables of str | int | float | Decimal | None
    data = writer.finish()

Exports do not call it directly: they go through anxin/core/sheets.py, the one writer of
every spreadsheet and CSV file, which picks this for ODS. Text is always a string cell,
never a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_MANIFEST = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" \
manifest:version="1.2">
 <manifest:file-entry manifest:full-path="/" manifest:version="1.2" \
manifest:media-type="{MIMETYPE}"/>
 <manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>
 <manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>
"""
_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-styles {_NS} '
    'office:version="1.2"><office:styles/></office:document-styles>\n'
)
# Characters XML 1.0 does not allow (control characters other than tab and newlines).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def number_text(value: int | float | Decimal) -> str:
    """A number as a spreadsheet shows it in its general format: 9 hours as "9", not
    "9.0"; 1.50 as "1.5"; never in exponent form. For CSV fields and a cell's text."""
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value.is_finite() else str(value)
    return str(value)


def _cell(value) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = repr(value) if isinstance(value, float) else str(value)
        return (
            f'<table:table-cell office:value-type="float" office:value="{number}">'
            f"<text:p>{number_text(value)}</text:p></table:table-cell>"
        )
    text = escape(_NOT_XML.sub("", str(value)))
    return (
        f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'
    )


class OdsStream:
    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._zip = zipfile.ZipFile(self._buffer, "w", zipfile.ZIP_DEFLATED)
        # The mimetype first and stored, as the format requires.
        self._zip.writestr(zipfile.ZipInfo("mimetype"), MIMETYPE, zipfile.ZIP_STORED)
        self._zip.writestr("META-INF/manifest.xml", _MANIFEST)
        self._zip.writestr("styles.xml", _STYLES)
        self._content = self._zip.open("content.xml", "w")
        self._write(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {_NS} '
            'office:version="1.2"><office:body><office:spreadsheet>'
        )

    def _write(self, text: str) -> None:
        self._content.write(text.encode("utf-8"))

    def table(self, name: str, rows: Iterable[Iterable]) -> None:
        self._write(f"<table:table table:name={quoteattr(_NOT_XML.sub('', name))}>")
        for values in rows:
            self._write("<table:table-row>" + "".join(map(_cell, values)) + "</table:table-row>")
        self._write("</table:table>")

    def finish(self) -> bytes:
        self._write("</office:spreadsheet></office:body></office:document-content>\n")
        self._content.close()
        self._zip.close()
        return self._buffer.getvalue()
