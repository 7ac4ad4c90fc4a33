"""Partnerships' writes, split by feature: accounts (invitations, roles, deactivation,
signing in) and organisations (partner bodies and their aliases)."""
