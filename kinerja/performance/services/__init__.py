"""Writes of the performance app: small typed functions, each audited (house style: services)."""
