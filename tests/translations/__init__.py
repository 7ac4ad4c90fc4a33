"""The whole interface in Welsh: no template words outside translation tags, every msgid of
locale/cy with its Welsh, the .po up to date with the code, Welsh pages under /cy/ with
Welsh dates and a language switch back to the same page, and every form label, error
message, model field name and status name translated.

The .mo is compiled at the start of the test session (conftest.py) from the committed .po.
"""
