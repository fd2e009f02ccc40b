"""Damaged and wrong roster files: each answered on the upload form with a clear zh-Hant
message, nothing imported, no job, no stored file (invariant 8). Before this, 5 of 150
fuzzed uploads answered 500: a flipped bit in an XLSX raised zlib.error and an entry
marked encrypted raised RuntimeError, both from inside openpyxl."""

import io
import struct
import zipfile

from anxin.core.models import Job
from anxin.people.models import Employee
from anxin.people.roster import RosterFileError, roster_import, roster_parse
from tests.people.roster_files import GOOD_ROWS, csv_bytes, ods_bytes, xlsx_bytes
from tests.people.test_roster_views import RosterPageTestCase
from tests.zip_tools import encrypted

UNREADABLE = "無法以 {kind} 格式讀取此檔案。請用試算表程式重新存檔後再上傳一次。"
ENCRYPTED = (
    "此檔案設有密碼保護，或是舊版 Excel 格式（.xls）。請另存為不設密碼的 XLSX、ODS 或 CSV "
    "檔後再上傳一次。"
)
SHEET = "xl/worksheets/sheet1.xml"


def _member_data_offset(data: bytes, name: str) -> tuple[int, int]:
    """Where the compressed bytes of `name` start in the archive, and how many there are."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    header = data[info.header_offset : info.header_offset + 30]
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return info.header_offset + 30 + name_length + extra_length, info.compress_size


def flipped(data: bytes, name: str = SHEET, *, at: float = 0.5) -> bytes:
    """One bit flipped inside the compressed bytes of member `name`."""
    start, size = _member_data_offset(data, name)
    out = bytearray(data)
    out[start + int(size * at)] ^= 0x10
    return bytes(out)


def rewritten(data: bytes, name: str, change) -> bytes:
    """The archive with member `name` replaced by change(its bytes), stored."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == name else content)
    return buffer.getvalue()


MANY = GOOD_ROWS * 200  # a sheet long enough that damage late in it is met row by row
XLSX = xlsx_bytes(GOOD_ROWS)
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000)  # .xls, or an encrypted XLSX

CORPUS = [
    # (what, file name, bytes, expected message)
    ("bit flipped in the sheet", "roster.xlsx", flipped(XLSX), UNREADABLE.format(kind="XLSX")),
    ("bit flipped early", "roster.xlsx", flipped(XLSX, at=0.05), UNREADABLE.format(kind="XLSX")),
    ("encrypted XLSX entries", "roster.xlsx", encrypted(XLSX), ENCRYPTED),
    ("encrypted ODS entries", "roster.ods", encrypted(ods_bytes(GOOD_ROWS)), ENCRYPTED),
    ("Excel password file", "roster.xlsx", OLE2, ENCRYPTED),
    ("truncated XLSX", "roster.xlsx", XLSX[: len(XLSX) // 2], UNREADABLE.format(kind="XLSX")),
    ("truncated ODS", "roster.ods", ods_bytes(GOOD_ROWS)[:900], UNREADABLE.format(kind="ODS")),
    ("empty", "roster.xlsx", b"", "送出的檔案是空的。"),  # Django's FileField
    ("a PDF named .xlsx", "roster.xlsx", b"%PDF-1.4\n%%EOF\n", UNREADABLE.format(kind="XLSX")),
    ("CSV named .ods", "roster.ods", csv_bytes(GOOD_ROWS), UNREADABLE.format(kind="ODS")),
    ("binary CSV", "roster.csv", b"\x00\x01\x02" * 100, UNREADABLE.format(kind="CSV")),
    (
        "old Excel",
        "roster.xls",
        OLE2,
        "請上傳 CSV、XLSX 或 ODS 檔案；「roster.xls」不是這幾種格式。",
    ),
]


class CorpusTestCase(RosterPageTestCase):
    def test_it_answers_every_damaged_file_with_a_message_and_imports_nothing(self):
        self.login(self.eap_admin)
        before = list(Employee.objects.order_by("pk").values_list("pk", "name", "is_active"))
        for what, name, data, message in CORPUS:
            with self.subTest(what):
                response = self.upload(data, name)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.context["form"].errors["file"], [message])
                self.assertContains(response, message)
        self.assertFalse(Job.objects.exists())
        self.assertEqual(self.stored_files(), [])
        after = list(Employee.objects.order_by("pk").values_list("pk", "name", "is_active"))
        self.assertEqual(after, before)

    def test_it_reports_damage_past_the_first_rows_and_imports_nothing(self):
        """The form reads the header and first row only; the import reads everything. A
        sheet whose XML or compressed data breaks late is met in the background task, which
        reports the file unreadable and applies no row."""
        many = xlsx_bytes(MANY)
        late_xml = rewritten(many, SHEET, lambda xml: xml[: int(len(xml) * 0.8)])
        late_bits = flipped(many, at=0.9)
        for what, data in (("XML cut short", late_xml), ("bit flipped late", late_bits)):
            with self.subTest(what):
                self.assertTrue(roster_parse(data, "roster.xlsx", first_only=True))
                with self.assertRaises(RosterFileError) as caught:
                    roster_parse(data, "roster.xlsx")
                self.assertEqual(caught.exception.code, "unreadable")
                before = Employee.objects.count()
                outcome = roster_import(data=data, filename="roster.xlsx", scope=self.authority)
                self.assertFalse(outcome.applied)
                self.assertEqual([e.code for e in outcome.errors], ["unreadable"])
                self.assertEqual(Employee.objects.count(), before)

    def test_it_still_imports_a_good_file(self):
        """The guard changes nothing for a sound file."""
        self.login(self.eap_admin)
        response = self.upload(xlsx_bytes(GOOD_ROWS), "roster.xlsx")
        job = Job.objects.get(owner=self.eap_admin)
        self.assertRedirects(response, f"/jobs/{job.uuid}/", fetch_redirect_response=False)
        self.assertEqual(job.status, Job.Status.SUCCEEDED, job.result)
