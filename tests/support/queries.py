"""What every signed-in request costs in queries besides the page's own, for the tests that
hold pages to a fixed number of queries."""

# A signed-in request saves its session, so that the 30-minute idle limit counts from the
# latest request (SESSION_SAVE_EVERY_REQUEST; an unchanged session at most once a minute, so
# the first request after force_login, which these tests count, saves it): one UPDATE, which
# inside a test's transaction comes wrapped in a SAVEPOINT and its RELEASE. (An anonymous
# visitor's empty session is never saved.)
SESSION_SAVE = 3
