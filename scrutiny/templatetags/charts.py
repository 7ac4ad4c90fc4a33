"""``count|bar_width:total``: how wide a status chart's bar is drawn, as one of the CSS
classes ``app-chart__bar--w0`` to ``--w100`` in frontend/app.scss (the Content Security
Policy forbids inline style attributes, so widths come in steps of 5 per cent)."""

from django import template

register = template.Library()

STEP = 5


@register.filter
def bar_width(count: int, total: int) -> int:
    """``count``'s share of ``total`` in per cent, rounded to the nearest step of 5; a count
    above nothing is never drawn as an empty bar (5 at least), nothing is 0."""
    if not count or not total:
        return 0
    return max(STEP, round(count * 100 / total / STEP) * STEP)
