"""Every PDF Anxin writes goes through here: HTML rendered by WeasyPrint.

data = html_pdf(render_to_string("app/thing_pdf.html", context))
"""


def html_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of `html`; `base_url` is where relative links (images) are found."""
    # Not a cycle but cost (decision 0033): WeasyPrint takes about half a second to import
    # (Pango, HarfBuzz, fonts). Every process that loads the URLs would pay it, each
    # management command through its checks, for files few requests ask for.
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf()
