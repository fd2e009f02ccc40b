"""The EAP zone and the topic channels in Debian's Chromium: the employee reaches them
from the menu, joins a channel; the EAP administrator writes the zone and keeps the
channels; every page passes axe-core's WCAG 2.2 AA rules."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD
from tests.browser.helpers import audit, follow_menu, sign_in, submit, text, visit
from tests.resources.channels_base import make_channel, make_comment, make_post
from tests.resources.zone_base import make_article, png_bytes, taoyuan_plan


@pytest.fixture
def zone(org, people):
    authority = org["authority"]
    admin = people["eap_admin"].user
    taoyuan_plan(authority)
    make_article(admin, authority, title="員工協助方案是什麼？", title_en="What is the EAP?")
    make_article(admin, authority, kind="news", title="紓壓講座開放報名")
    make_article(admin, authority, kind="question", title="申請諮商會讓主管知道嗎？")
    make_article(admin, authority, kind="handbook", title="認識員工協助方案", title_en="About")
    channel = make_channel(authority, comments_allowed=True)
    post = make_post(channel, admin, link="https://example.gov.tw/sleep")
    make_comment(post, people["employee"].user, status="approved")
    return {"authority": authority, "channel": channel}


@pytest.mark.browser
def test_the_employee_reads_the_zone_and_joins_a_channel(page, watch, base_url, people, zone):
    employee = people["employee"]
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    follow_menu(page, "The EAP zone")
    expect(page.get_by_role("heading", level=1)).to_contain_text(text("The EAP zone"))
    expect(page.get_by_text("03-3027858").first).to_be_visible()
    audit(page, watch)
    for msgid in ("News", "Questions and answers", "Materials to print"):
        with page.expect_navigation():
            page.get_by_role("link", name=text(msgid), exact=True).first.click()
        audit(page, watch)
    visit(page, f"{base_url}/resources/zone/{zone['authority'].pk}/", watch)
    with page.expect_navigation():
        page.get_by_role("link", name="員工協助方案是什麼？").click()
    audit(page, watch)

    follow_menu(page, "Topic channels")
    audit(page, watch)
    page.get_by_role("button", name=f"{text('Join')} (壓力症候群-OUT)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("壓力症候群-OUT")
    audit(page, watch)


@pytest.mark.browser
def test_the_eap_admin_writes_the_zone_and_keeps_the_channels(page, watch, base_url, people, zone):
    admin = people["eap_admin"]
    sign_in(page, base_url, admin.username, PASSWORD, otp_key=admin.otp_key, watch=watch)
    follow_menu(page, "Write the EAP zone")
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("link", name=text("New news item")).click()
    page.get_by_label(text("Title (for a question: the question)")).fill("年終關懷活動")
    page.locator("#id_body").fill("歡迎參加。")
    submit(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("年終關懷活動")
    audit(page, watch)
    page.get_by_role("button", name=text("Publish")).click()
    expect(page.get_by_text(text("The article is published in the EAP zone."))).to_be_visible()

    follow_menu(page, "Topic channels")
    audit(page, watch)
    with page.expect_navigation():
        page.get_by_role("link", name=f"{text('New post')} (壓力症候群-OUT)").click()
    audit(page, watch)
    visit(page, f"{base_url}/resources/channels/manage/comments/", watch)
    visit(page, f"{base_url}/resources/channels/manage/{zone['channel'].pk}/", watch)


@pytest.mark.browser
def test_an_article_with_an_image_and_the_materials(
    page, watch, base_url, people, zone, settings, tmp_path
):
    """The eap_admin adds an image to a page: a bad file is refused in zh-Hant with what
    was typed kept; a PNG with its text is stored and shown; the employee reads the
    article with its image and the materials page, both clean under axe-core."""
    settings.MEDIA_ROOT = tmp_path
    admin = people["eap_admin"]
    sign_in(page, base_url, admin.username, PASSWORD, otp_key=admin.otp_key, watch=watch)
    follow_menu(page, "Write the EAP zone")
    with page.expect_navigation():
        page.get_by_role("link", name="員工協助方案是什麼？").click()
    bad = tmp_path / "not-an-image.png"
    bad.write_bytes(b"%PDF-1.7 not a picture")
    page.get_by_label(text("Image"), exact=True).set_input_files(str(bad))
    page.get_by_label(text("text for the image")).fill("六樓諮商室的門口")
    submit(page)
    expect(
        page.get_by_text(text("This file is not a PNG or JPEG image: upload a PNG or JPEG file."))
    ).to_be_visible()
    expect(page.get_by_label(text("text for the image"))).to_have_value("六樓諮商室的門口")
    audit(page, watch)
    good = tmp_path / "door.png"
    good.write_bytes(png_bytes((320, 200)))
    page.get_by_label(text("Image"), exact=True).set_input_files(str(good))
    submit(page)
    expect(page.get_by_text(text("The article is saved."))).to_be_visible()
    expect(page.get_by_role("img", name="六樓諮商室的門口")).to_be_visible()
    audit(page, watch)

    employee = people["employee"]
    page.context.clear_cookies()
    sign_in(page, base_url, employee.username, PASSWORD, watch=watch)
    visit(page, f"{base_url}/resources/zone/{zone['authority'].pk}/", watch)
    with page.expect_navigation():
        page.get_by_role("link", name="員工協助方案是什麼？").click()
    image = page.get_by_role("img", name="六樓諮商室的門口")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.naturalWidth") == 320
    audit(page, watch)
    visit(page, f"{base_url}/resources/zone/{zone['authority'].pk}/materials/", watch)
    expect(
        page.get_by_role("link", name=text("Stickers (eight to an A4 label sheet), PDF"))
    ).to_be_visible()
