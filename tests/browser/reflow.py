"""A layout check the browser tests share: at 320 CSS pixels wide (1280 pixels zoomed to
400 %, WCAG 2.2's reflow criterion 1.4.10) the page needs no horizontal scrolling. A wide
data table may scroll inside its own box (Bootstrap's .table-responsive), which the
criterion allows; the page itself may not."""

from playwright.sync_api import Page

NARROW = {"width": 320, "height": 900}


def assert_reflows(page: Page) -> None:
    """Narrow the viewport, check that nothing sticks out of the page, and put the size
    back."""
    size = page.viewport_size
    page.set_viewport_size(NARROW)
    try:
        wide = page.evaluate(
            """() => {
                const limit = document.documentElement.clientWidth;
                if (document.documentElement.scrollWidth <= limit) return [];
                return [...document.querySelectorAll("main *")]
                    .filter((el) => el.getBoundingClientRect().right > limit + 1)
                    .filter((el) => !el.closest(".table-responsive, .visually-hidden"))
                    .slice(0, 5)
                    .map((el) => el.outerHTML.slice(0, 160));
            }"""
        )
        width = page.evaluate("() => document.documentElement.scrollWidth")
        assert width <= NARROW["width"], (
            f"{page.url} scrolls sideways at {NARROW['width']} px ({width} px wide): {wide}"
        )
    finally:
        page.set_viewport_size(size)
