"""The rule packs as the windows see them: which packs ship, the default, one pack loaded.

A rule pack (swdesk.rulepacks) is checked against its schema when loaded; a pack that
cannot be used raises `RulePackError` (a `UserFixableError`, in services.errors). The
practitioner's profile editor and the reviewer's sign-in list `available_packs()`; forms
load the practitioner's pack for its counties, cycle years, hour limits and offices.
"""

from swdesk.rulepacks import available_packs, default_pack_id, load_pack

__all__ = ["available_packs", "default_pack_id", "load_pack"]
