"""The scrutiny app's pages, a module per feature; scrutiny/urls.py maps them."""
