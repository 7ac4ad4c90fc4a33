"""Old import path, kept for migrations (recommendations 0005, scrutiny 0006 use
``AddSearchIndex``): full-text search lives in
``scrutiny.common.fulltext``. Permanent while those migrations exist."""

from scrutiny.common.fulltext import *  # noqa: F403
from scrutiny.common.fulltext import AddSearchIndex, Fields, vector  # noqa: F401
