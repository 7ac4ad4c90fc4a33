"""Old import path, kept for code not yet moved (scrutiny.models, scrutiny.views): the rules
live in ``scrutiny.visibility``."""

from scrutiny.visibility import *  # noqa: F403
from scrutiny.visibility import (  # noqa: F401
    exempt_filter,
    published_filter,
    sees_exempt_of,
)
