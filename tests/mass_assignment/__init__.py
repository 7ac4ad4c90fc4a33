"""Extra POSTed fields never change what is stored."""
