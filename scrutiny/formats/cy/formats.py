# Welsh dates as the English ones ("23 Tachwedd 2026"), with Django's Welsh month and day
# names. Django's own cy formats write the time "2:30 y.b." and the short date 25/10/2006,
# and accept no ISO dates: the date fields (type="date", ISO) must parse in both languages.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
