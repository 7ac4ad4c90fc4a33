# Dates as councils write them in minutes and agendas: "4 December 2017".
# Django's own en_GB formats would give "4 Dec 2017", and they win over settings.DATE_FORMAT.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d"]
