"""Old import path, kept for code not yet moved (scrutiny.forms, services, views): the
optimistic lock lives in ``scrutiny.common.locking``."""

from scrutiny.common.locking import *  # noqa: F403
from scrutiny.common.locking import (  # noqa: F401
    MISSING_VERSION,
    Difference,
    EditConflict,
    SeenRecordsField,
    VersionedModelForm,
    conflict_response,
    move_versions_on,
    save_if_current,
    seen_value,
)
