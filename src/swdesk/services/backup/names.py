"""Names, limits and intervals shared by automatic backups, one-file backups and restore."""

from __future__ import annotations

import re
from datetime import timedelta

AUTO_BACKUP_INTERVAL = timedelta(hours=24)
AUTO_BACKUP_KEEP = 10
MIGRATION_BACKUP_KEEP = 3
STALE_SECONDS = 3600  # leftovers of an interrupted backup older than this are removed

RESTORE_MARKER = "restore-in-progress.json"
STAGING_PREFIX = ".restore-"
ASIDE_PREFIX = "before-restore-"
FRESH_START_PREFIX = "before-fresh-start-"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
AUTO_NAME = re.compile(r"swdesk-auto-(\d{8}-\d{6})(?:-(\d+))?\.sqlite")
MIGRATION_NAME = re.compile(r"swdesk-before-[0-9A-Za-z_]+-(\d{8}-\d{6})(?:-(\d+))?\.sqlite")
ASIDE_NAME = re.compile(r"before-restore-\d{8}-\d{6}(?:-\d+)?")
DATABASE_SIDE_FILES = ("-wal", "-shm", "-journal")
FREE_SPACE_MARGIN = 16 << 20
