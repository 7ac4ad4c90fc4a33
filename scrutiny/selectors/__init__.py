"""Reads that serve pages, packs and files: each takes the viewer and returns what they may
see, in a fixed number of queries."""
