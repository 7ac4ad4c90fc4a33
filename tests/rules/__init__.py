"""Each rule of the scrutiny models is the model's (constraints and ``clean``), so it holds
however a record is saved: through the Django admin, and through ``full_clean`` (which
services and the pages' forms run). Each bad case is refused in the pages' words, on the
field it is about; the good case beside it still saves; and the database itself refuses
the case-only duplicates."""
