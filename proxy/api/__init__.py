"""Steward's own APIs and route tables: callers, admins, auditors, metrics, dry runs, models list."""
