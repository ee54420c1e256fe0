"""The «Показатели» page's charts, drawn where its template asks for them.

The page model stays free of the indicators' queries (which read the
monitoring models): its template loads the charts here.
"""

from django import template

from ..charts import public_charts

register = template.Library()


@register.simple_tag
def indicator_charts(page):
    """The page's charts: its site's latest years, as many as it shows."""
    return public_charts(page.get_site(), page.years_shown)
