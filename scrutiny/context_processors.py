"""Old import path, kept for code not yet moved (scrutiny.statement_views)."""

from scrutiny.common.context_processors import *  # noqa: F403
from scrutiny.common.context_processors import (  # noqa: F401
    DEFAULT_SERVICE_NAME,
    NAVIGATION,
    council,
    council_name,
    service_name,
)
