"""The recommendation pages: who may see and do what, what the pages show, what bad input
does, and that the number of queries does not grow with the rows shown. One module a
thing people do; addresses and form data the modules share are in ``helpers``."""
