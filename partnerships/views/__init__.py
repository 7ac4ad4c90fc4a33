"""Partnerships' pages, split by feature; urls import the modules."""
