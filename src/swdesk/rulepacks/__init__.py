"""Rule packs as data: TOML files in `swdesk.resources/rulepacks`, checked and loaded."""

from .loader import (
    RulePackError,
    available_packs,
    default_pack_id,
    load_pack,
    load_pack_file,
    pack_from_data,
    shipped_packs,
    shipped_trust_file,
)

__all__ = [
    "RulePackError",
    "available_packs",
    "default_pack_id",
    "load_pack",
    "load_pack_file",
    "pack_from_data",
    "shipped_packs",
    "shipped_trust_file",
]
