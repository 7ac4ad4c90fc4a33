"""Old import path, kept for code not yet moved (scrutiny.models, forms, views, packs,
search): the helpers live in ``scrutiny.common.bilingual``."""

from scrutiny.common.bilingual import *  # noqa: F403
from scrutiny.common.bilingual import (  # noqa: F401
    WELSH_HELP,
    localised,
    welsh_char,
    welsh_chosen,
    welsh_textarea,
)
