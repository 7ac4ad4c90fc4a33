"""Partnerships' writes, split by feature."""
