"""Every PDF Anxin writes goes through here: HTML rendered by WeasyPrint.

data = html_pdf(render_to_string("app/thing_pdf.html", context))

The PDF is tagged (PDF/UA-1: headings, paragraphs, tables and figures in a structure
tree, the document's language from <html lang>, its <title> shown by viewers), so that a
screen reader reads a certificate, a statement or a report as it reads the page. A
template therefore gives every <img> an alt and every inline <svg> a <title>: WeasyPrint
takes them as the figure's alternative text.
"""

PDF_VARIANT = "pdf/ua-1"


def html_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The tagged PDF of `html`; `base_url` is where relative links (images) are found."""
    # Not a cycle but cost (decision 0033): WeasyPrint takes about half a second to import
    # (Pango, HarfBuzz, fonts). Every process that loads the URLs would pay it, each
    # management command through its checks, for files few requests ask for.
    from weasyprint import HTML

    return HTML(string=html, base_url=base_url).write_pdf(pdf_variant=PDF_VARIANT)
