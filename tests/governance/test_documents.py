"""Meeting documents: uploaded by the secretariat with a checked type and size, kept
through Django's storage, served only to the body's members and the EAP administrator
with their content type and as an attachment, listed on the meeting and by title in the
minutes' files; replaced or deleted while the minutes are a draft."""

import io
import shutil
import tempfile
import zipfile
from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.utils import timezone
from odf import teletype
from odf.opendocument import load
from odf.text import H, P

from anxin.core.refusals import Refused
from anxin.governance import services
from anxin.governance.forms import MAX_DOCUMENT_BYTES
from anxin.governance.models import GovernanceLog, MeetingDocument, Member
from anxin.people.roles import Role
from tests.base import give_role, make_user
from tests.governance.base import YEAR, GovernanceTestCase
from tests.pdf_tools import pdf_text
from tests.zip_tools import encrypted

PDF_BYTES = b"%PDF-1.4\n% a small test file\n%%EOF\n"
MEDIA = tempfile.mkdtemp(prefix="anxin-gov-media-")


def odt_bytes(mimetype="application/vnd.oasis.opendocument.text") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("mimetype", mimetype)
        package.writestr("content.xml", "<x/>")
    return out.getvalue()


@override_settings(MEDIA_ROOT=MEDIA)
class DocumentsTest(GovernanceTestCase):
    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def setUp(self):
        self.meeting = self.schedule(on=date(YEAR, 2, 10))
        self.item = services.agenda_add(meeting=self.meeting, title="年度問卷規劃")
        self.url = f"/governance/meetings/{self.meeting.pk}/documents/"

    def upload(self, name: str, data: bytes, title="問卷草案", **extra):
        self.login(self.eap_admin)
        return self.client.post(
            self.url,
            {"document-title": title, "document-agenda_item": self.item.pk,
             "document-file": SimpleUploadedFile(name, data, content_type="text/plain"), **extra},
        )  # fmt: skip

    def test_it_keeps_a_pdf_and_lists_it_on_the_meeting(self):
        response = self.upload("draft.pdf", PDF_BYTES)
        self.assertRedirects(
            response, f"/governance/meetings/{self.meeting.pk}/", fetch_redirect_response=False
        )
        document = MeetingDocument.objects.get()
        self.assertEqual(document.content_type, "application/pdf")  # not the browser's
        self.assertEqual(document.agenda_item, self.item)
        self.assertEqual(document.filename, "draft.pdf")
        self.assertNotIn("draft", document.file.name)
        with document.file.open("rb") as stored:
            self.assertEqual(stored.read(), PDF_BYTES)
        self.login(self.member_user)
        page = self.client.get(f"/governance/meetings/{self.meeting.pk}/")
        self.assertContains(page, "問卷草案")
        self.assertContains(page, f"/governance/documents/{document.pk}/")

    def test_it_accepts_an_odt_and_refuses_a_renamed_file(self):
        self.assertEqual(self.upload("a.odt", odt_bytes()).status_code, 302)
        for name, data in (
            ("evil.pdf", b"MZ\x90\x00 not a pdf"),
            ("a.exe", PDF_BYTES),
            ("b.odt", odt_bytes("application/x-other")),
            ("c.docx", b"PK\x03\x04broken"),
            ("locked.odt", encrypted(odt_bytes())),  # found by the form fuzz: a 500
        ):
            response = self.upload(name, data)
            self.assertEqual(response.status_code, 200, name)
            self.assertContains(response, "請上傳 PDF", msg_prefix=name)
        self.assertEqual(MeetingDocument.objects.count(), 1)

    def test_it_refuses_a_file_over_the_limit(self):
        response = self.upload("big.pdf", PDF_BYTES + b"0" * MAX_DOCUMENT_BYTES)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "10 MB")
        self.assertFalse(MeetingDocument.objects.exists())

    def test_it_serves_the_file_to_a_member_with_its_type_as_an_attachment(self):
        self.upload("草案.pdf", PDF_BYTES)
        document = MeetingDocument.objects.get()
        self.login(self.member_user)
        response = self.client.get(f"/governance/documents/{document.pk}/")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "application/pdf")
        self.assertTrue(response["Content-Disposition"].startswith("attachment;"))
        self.assertIn("filename*=utf-8''%E8%8D%89%E6%A1%88.pdf", response["Content-Disposition"])
        self.assertEqual(b"".join(response.streaming_content), PDF_BYTES)

    def test_a_document_whose_file_is_gone_answers_404_not_500(self):
        self.upload("draft.pdf", PDF_BYTES)
        document = MeetingDocument.objects.get()
        document.file.storage.delete(document.file.name)
        self.login(self.member_user)
        self.assertEqual(self.client.get(f"/governance/documents/{document.pk}/").status_code, 404)

    def test_it_answers_404_to_a_committee_member_of_another_body(self):
        self.upload("draft.pdf", PDF_BYTES)
        document = MeetingDocument.objects.get()
        stranger = make_user("stranger")
        give_role(stranger, Role.COMMITTEE, self.authority)
        self.login(stranger)
        self.assertEqual(self.client.get(f"/governance/documents/{document.pk}/").status_code, 404)
        page = self.client.get(f"/governance/meetings/{self.meeting.pk}/")
        self.assertContains(page, "問卷草案")  # the title, without the link
        self.assertNotContains(page, f"/governance/documents/{document.pk}/")
        self.login(self.hr)
        self.assertEqual(self.client.get(f"/governance/documents/{document.pk}/").status_code, 403)

    def test_a_member_cannot_upload_and_the_wrong_method_is_refused(self):
        self.login(self.member_user)
        self.assertEqual(self.client.post(self.url, {}).status_code, 403)
        self.login(self.eap_admin)
        self.assertEqual(self.client.get(self.url).status_code, 405)

    def test_the_minutes_files_list_the_documents_by_title(self):
        self.upload("draft.pdf", PDF_BYTES, title="滿意度問卷草案")
        services.minutes_save(meeting=self.meeting, text="討論問卷。", expected_version=1)
        self.login(self.eap_admin)
        odt = self.client.get(f"/governance/meetings/{self.meeting.pk}/minutes.odt")
        doc = load(io.BytesIO(odt.content))
        headings = [teletype.extractText(h) for h in doc.getElementsByType(H)]
        self.assertIn("會議資料", headings)
        lines = [teletype.extractText(p) for p in doc.getElementsByType(P)]
        self.assertIn("滿意度問卷草案", lines)
        pdf = self.client.get(f"/governance/meetings/{self.meeting.pk}/minutes.pdf")
        self.assertIn("滿意度問卷草案", "".join(pdf_text(pdf.content).split()))

    def test_a_title_quoting_a_case_is_refused(self):
        response = self.upload("draft.pdf", PDF_BYTES, title="TPE114-0042 資料")
        self.assertEqual(response.status_code, 200)
        self.assertFalse(MeetingDocument.objects.exists())

    def test_a_member_out_of_term_gets_404_and_no_link(self):
        self.upload("draft.pdf", PDF_BYTES)
        document = MeetingDocument.objects.get()
        url = f"/governance/documents/{document.pk}/"
        self.login(self.member_user)
        self.assertEqual(self.client.get(url).status_code, 200)
        today = timezone.localdate()
        ended = (date(YEAR, 1, 1), today - timedelta(days=1))
        not_begun = (today + timedelta(days=1), None)
        for start, end in (ended, not_begun):
            with self.subTest(start=start, end=end):
                Member.objects.filter(pk=self.member.pk).update(term_start=start, term_end=end)
                self.assertEqual(self.client.get(url).status_code, 404)
                page = self.client.get(f"/governance/meetings/{self.meeting.pk}/")
                self.assertNotContains(page, url)


@override_settings(MEDIA_ROOT=MEDIA)
class DocumentChangeTest(GovernanceTestCase):
    """A wrong document is replaced by a new version or deleted while the minutes are a
    draft; its old file leaves the storage; the change is logged; a stale page, another
    role, a GET and a published meeting are refused (decision 0078)."""

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(MEDIA, ignore_errors=True)

    def setUp(self):
        self.meeting = self.schedule(on=date(YEAR, 2, 10))
        self.document = services.document_add(
            meeting=self.meeting, title="問卷草案", content_type="application/pdf",
            actor=self.eap_admin, upload=SimpleUploadedFile("wrong.pdf", PDF_BYTES),
        )  # fmt: skip
        self.storage = self.document.file.storage
        self.old_name = self.document.file.name
        self.login(self.eap_admin)

    def replace(self, name="right.odt", data=None, version=1):
        prefix = f"replace-{self.document.pk}"
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                f"/governance/documents/{self.document.pk}/replace/",
                {f"{prefix}-file": SimpleUploadedFile(name, data or odt_bytes()),
                 f"{prefix}-version": version},
            )  # fmt: skip

    def delete(self, version=1):
        with self.captureOnCommitCallbacks(execute=True):
            return self.client.post(
                f"/governance/documents/{self.document.pk}/delete/", {"version": version}
            )

    def test_a_new_version_keeps_the_title_and_removes_the_old_file(self):
        data = odt_bytes()
        response = self.replace(data=data)
        self.assertRedirects(
            response, f"/governance/meetings/{self.meeting.pk}/", fetch_redirect_response=False
        )
        document = MeetingDocument.objects.get()
        self.assertEqual(document.pk, self.document.pk)
        self.assertEqual(document.title, "問卷草案")
        self.assertEqual(document.version, 2)
        self.assertEqual(document.filename, "right.odt")
        self.assertEqual(document.content_type, "application/vnd.oasis.opendocument.text")
        self.assertFalse(self.storage.exists(self.old_name))
        with document.file.open("rb") as stored:
            self.assertEqual(stored.read(), data)
        entry = GovernanceLog.objects.get()
        self.assertEqual(entry.action, GovernanceLog.Action.DOCUMENT_REPLACED)
        self.assertEqual((entry.meeting, entry.actor), (self.meeting, self.eap_admin))
        self.assertIn("問卷草案", entry.detail)
        page = self.client.get(f"/governance/meetings/{self.meeting.pk}/")
        self.assertContains(page, "第 2 版")
        self.assertContains(page, "已替換文件")

    def test_a_renamed_file_is_refused_and_nothing_changes(self):
        response = self.replace("evil.pdf", b"MZ\x90\x00 not a pdf")
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "請上傳 PDF")
        self.assertEqual(MeetingDocument.objects.get().version, 1)
        self.assertTrue(self.storage.exists(self.old_name))

    def test_a_stale_page_is_refused_and_its_new_file_not_kept(self):
        self.replace()
        before = set(self.storage.listdir(f"governance/meetings/{self.meeting.pk}")[1])
        response = self.replace("again.pdf", PDF_BYTES, version=1)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "已有其他人儲存變更")
        self.assertEqual(MeetingDocument.objects.get().filename, "right.odt")
        after = set(self.storage.listdir(f"governance/meetings/{self.meeting.pk}")[1])
        self.assertEqual(after, before)
        self.assertEqual(self.delete(version=1).status_code, 302)
        self.assertTrue(MeetingDocument.objects.exists())  # deleting the old version: refused

    def test_deleting_removes_the_row_and_the_file_and_is_logged(self):
        response = self.delete()
        self.assertRedirects(
            response, f"/governance/meetings/{self.meeting.pk}/", fetch_redirect_response=False
        )
        self.assertFalse(MeetingDocument.objects.exists())
        self.assertFalse(self.storage.exists(self.old_name))
        entry = GovernanceLog.objects.get()
        self.assertEqual(entry.action, GovernanceLog.Action.DOCUMENT_DELETED)
        self.assertIn("wrong.pdf", entry.detail)
        page = self.client.get(f"/governance/meetings/{self.meeting.pk}/")
        self.assertContains(page, "文件已刪除")
        self.assertContains(page, "已刪除文件")

    def test_a_published_meeting_keeps_its_documents(self):
        services.minutes_save(meeting=self.meeting, text="紀錄", expected_version=1)
        services.minutes_approve(meeting=self.meeting, actor=self.eap_admin, expected_version=2)
        services.minutes_publish(meeting=self.meeting, expected_version=3)
        response = self.delete()
        self.assertEqual(response.status_code, 302)
        page = self.client.get(response["Location"])
        self.assertContains(page, "會議紀錄已發布：其文件已成為紀錄的一部分，不能再替換或刪除。")
        self.assertNotContains(page, f"/governance/documents/{self.document.pk}/delete/")
        self.replace()
        self.assertEqual(MeetingDocument.objects.get().version, 1)
        self.assertTrue(self.storage.exists(self.old_name))
        self.assertFalse(GovernanceLog.objects.exists())

    def test_submitted_minutes_keep_their_documents(self):
        Member.objects.create(
            body=self.circle, name="副處長", user=self.member_user,
            position=Member.Position.CONVENER, term_start=date(YEAR, 1, 1),
        )  # fmt: skip
        services.minutes_save(meeting=self.meeting, text="紀錄", expected_version=1)
        services.minutes_submit(meeting=self.meeting, actor=self.eap_admin, expected_version=2)
        with self.assertRaises(Refused) as refused:
            services.document_delete(
                document=self.document, actor=self.eap_admin, expected_version=1
            )
        self.assertEqual(refused.exception.code, "submitted")
        self.assertTrue(MeetingDocument.objects.exists())

    def test_only_the_eap_administrator_and_only_by_post(self):
        self.login(self.member_user)  # a member of the body: reads the file, no more
        self.assertEqual(self.delete().status_code, 403)
        self.assertEqual(self.replace().status_code, 403)
        self.login(self.eap_admin)
        url = f"/governance/documents/{self.document.pk}/delete/"
        self.assertEqual(self.client.get(url).status_code, 405)
        strict = Client(enforce_csrf_checks=True)
        strict.cookies = self.client.cookies
        self.assertEqual(strict.post(url, {"version": 1}).status_code, 403)  # no CSRF token
        self.assertTrue(MeetingDocument.objects.exists())
        strict.get(f"/governance/meetings/{self.meeting.pk}/")
        token = strict.cookies["csrftoken"].value
        response = strict.post(url, {"version": 1, "csrfmiddlewaretoken": token})
        self.assertEqual(response.status_code, 302)
        self.assertFalse(MeetingDocument.objects.exists())
