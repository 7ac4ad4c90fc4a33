"""Object-level access: the right role is not enough, it must be the right council's record."""
