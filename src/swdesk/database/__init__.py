"""Database infrastructure both stores share: the SQLite engine and sessions (`engine`), the
errors a database file can cause (`errors`) and the migration policy (`migrating`). The
practitioner's tables and migrations are in `swdesk.storage`, the reviewer's in
`swdesk.reviewstore`."""
