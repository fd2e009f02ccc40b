"""The page frame's own tag: the <title> that names the page, then the site."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

SEPARATOR = " · "


class PageTitleNode(template.Node):
    child_nodelists = ("nodelist",)  # so that {% extends %} finds the blocks inside

    def __init__(self, nodelist, site):
        self.nodelist = nodelist
        self.site = site

    def render(self, context) -> str:
        # The template's output is escaped already; strip() returns a plain str.
        page = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        site = self.site.resolve(context)
        if not page:
            return conditional_escape(site)
        return format_html("{}{}{}", page, SEPARATOR, site)


@register.tag
def pagetitle(parser, token):
    """`{% pagetitle site %}{% block title %}{% endblock %}{% endpagetitle %}` renders
    "page · site", or the site alone for a page that names itself nothing (the `{% if
    self.title %}` this replaces is Jinja, not Django, and never printed the separator)."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("pagetitle takes the site's name")
    nodelist = parser.parse(("endpagetitle",))
    parser.delete_first_token()
    return PageTitleNode(nodelist, parser.compile_filter(bits[1]))
