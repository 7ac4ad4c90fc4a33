"""The Leicester review of tests/recommendations (recommendations 4, 5 and 8, the LSCDG
carrying 4 and 8), a meeting of the commission in May 2021 with item 6 on the review and an
exempt item 9, and someone in every role: what the sign-off tests start from."""

from tests.recommendations.conftest import (  # noqa: F401 - fixtures
    council,
    councillor,
    dem_services,
    exempt_item,
    item,
    meeting,
    officer,
    other_council,
    outside_dem_services,
    outside_officer,
    partner,
    partner_rep,
    recs,
    review,
    superuser,
)
