"""Reads that serve pages, packs and files: each takes the user reading and returns what they may
see, in a fixed number of queries."""
