"""Hostile input in every form: markup and template syntax, SQL-ish text, odd Unicode (RTL
override, zero-width joiners, combining marks, emoji, characters outside the BMP, NUL and
other control characters), strings of 10 000 characters or more, impossible dates and
numbers or ids no form offers. Whatever is typed, no page is a server error; what a form
refuses comes back with an error summary and nothing saved; what it accepts is stored as
typed (less the spaces at its ends) and every page that shows it escapes it.

Each form is read from its rendered page (hidden fields such as a record's version
included) and posted URL-encoded, as a browser sends it, by democratic services of the
council. The values come from Hypothesis (tests/support/hostile.py) plus explicit nasty samples;
each example runs in a transaction rolled back afterwards, so the fixtures' records are the
same for every example. The pages, packs, PDFs and spreadsheets that show stored hostile
text are tested in tests/test_hostile_output.py.

One module a kind of input; the world and the signed-in client are in ``conftest``, the
helpers the modules share in ``helpers``."""
