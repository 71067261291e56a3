"""The reviewer's own database: imported application bundles, their automatic checks,
signed decisions, trusted offices and the hash-chained audit log.

A storage-level package (SQLAlchemy, Alembic; no Qt, no services): `migrate` prepares the
file, `orm` maps it, the repositories return plain dataclasses (`records`), never rows.
Kept apart from the practitioner database in `swdesk.storage`, whose engine helpers it uses.
"""
