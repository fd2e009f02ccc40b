"""Reading a PDF back the way people open it: poppler's pdftotext and pdffonts (the
Debian package poppler-utils) and pypdf for the document catalogue and its tags."""

import io
import subprocess
import tempfile

from pypdf import PdfReader


def _poppler(tool: str, data: bytes, *args: str) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        done = subprocess.run([tool, *args, pdf.name, "-"], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def pdf_text(data: bytes) -> str:
    """The PDF as text, by pdftotext."""
    return _poppler("pdftotext", data, "-enc", "UTF-8")


def page_texts(data: bytes) -> list[str]:
    """The text of each page, by pdftotext (pages end with a form feed)."""
    return pdf_text(data).split("\f")[:-1]


def pdf_fonts(data: bytes) -> set[str]:
    """The base names of the fonts the PDF uses, by pdffonts, without their subset
    prefix (ABCDEF+NotoSansCJKtc-Regular -> NotoSansCJKtc-Regular)."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf:
        pdf.write(data)
        pdf.flush()
        done = subprocess.run(["pdffonts", pdf.name], capture_output=True, check=True)
    lines = done.stdout.decode("utf-8").splitlines()[2:]
    return {line.split()[0].split("+", 1)[-1] for line in lines if line.strip()}


def catalog(data: bytes):
    return PdfReader(io.BytesIO(data)).trailer["/Root"]


def is_tagged(data: bytes) -> bool:
    """Marked as tagged (/MarkInfo /Marked true) with a structure tree."""
    root = catalog(data)
    mark = root.get("/MarkInfo")
    return bool(mark and mark.get_object().get("/Marked")) and "/StructTreeRoot" in root


def structure(data: bytes) -> list[tuple[str, str | None]]:
    """Every structure element of the tagged PDF as (type, alternative text)."""
    found: list[tuple[str, str | None]] = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, list):
            for child in node:
                walk(child)
            return
        if not hasattr(node, "get"):
            return
        if "/S" in node:
            alt = node.get("/Alt")
            found.append((str(node["/S"]), None if alt is None else str(alt)))
        kids = node.get("/K")
        if kids is not None:
            walk(kids)

    walk(catalog(data)["/StructTreeRoot"])
    return found
