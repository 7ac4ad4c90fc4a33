"""The recommendations app's pages, by feature: ``recommendations`` (the list, one
recommendation, adding and changing one, the executive response), ``updates`` (logging and
reading progress updates) and ``audit`` (history, deleting and restoring).

``save_form_page`` stays importable here: old import path, kept for code not yet moved
(scrutiny.views); it lives in ``scrutiny.common.pages``.
"""

from scrutiny.common.pages import save_form_page  # noqa: F401
