"""A training provider's own folder, `<data-dir>/provider/`: its signing key, encrypted with
the provider's password, and its public key file.

    provider/provider-key.json   the private key (docs/review-formats.md §8, §3), 0600
    provider/provider.swdkey     the public key file, 0644 (nothing personal: to be listed)

Both are written atomically (`core.outfiles`), the folder itself owner-only (0700). Set-up
refuses a folder that already holds a provider key: a second `init` would orphan every
record the first key signed.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from swdesk.core.outfiles import PUBLIC_MODE, write_bytes
from swdesk.domain.credit_code import normalize_credit_code
from swdesk.domain.errors import UserFixableError
from swdesk.signing import (
    ProviderIdentity,
    ProviderKey,
    SigningError,
    decrypt_provider_key,
    encrypt_provider_key,
    export_provider_key,
    generate_provider_key,
    read_provider_key,
)
from swdesk.signing.canonical import text_problem
from swdesk.signing.provider import MAX_PROVIDER_NAME_CHARS, credit_code_problem

__all__ = [
    "KEY_FILE",
    "MIN_PASSWORD_LENGTH",
    "PUBLIC_KEY_FILE",
    "ProviderFolder",
    "export_provider_public_key",
    "init_provider",
    "provider_exists",
    "provider_public_identity",
    "open_provider",
    "provider_root",
]

KEY_FILE = "provider-key.json"
PUBLIC_KEY_FILE = "provider.swdkey"
MIN_PASSWORD_LENGTH = 8  # as an office password
MAX_KEY_BYTES = 16 * 1024
_FOLDER_MODE = 0o700


def provider_root(data_dir: Path) -> Path:
    """The provider's folder inside the data folder."""
    return Path(data_dir) / "provider"


@dataclass(frozen=True, slots=True)
class ProviderFolder:
    """An opened provider: its folder and its key (the private key decrypted)."""

    root: Path
    key: ProviderKey

    @property
    def identity(self) -> ProviderIdentity:
        return self.key.identity


def _check_name(org: str) -> str:
    name = " ".join(org.split())
    problem = text_problem(name, max_chars=MAX_PROVIDER_NAME_CHARS)
    if problem:
        raise UserFixableError("provider_name_invalid", max=MAX_PROVIDER_NAME_CHARS, reason=problem)
    return name


def _check_credit_code(code: str) -> str:
    normalised = normalize_credit_code(code)
    problem = credit_code_problem(normalised)
    if problem:
        raise UserFixableError("credit_code_invalid", reason=problem)
    return normalised


def provider_exists(data_dir: Path) -> bool:
    """Whether a provider was set up in `data_dir` (its encrypted key is there)."""
    return (provider_root(data_dir) / KEY_FILE).is_file()


def init_provider(data_dir: Path, *, org: str, credit_code: str, password: str) -> ProviderFolder:
    """Set up a provider in `data_dir`: a new key pair, the private key encrypted with
    `password`. UserFixableError "provider_name_invalid", "credit_code_invalid",
    "password_too_short", "provider_exists", or a file error (disk_full, not_writable)."""
    name = _check_name(org)
    code = _check_credit_code(credit_code)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserFixableError("password_too_short", min=MIN_PASSWORD_LENGTH)
    root = provider_root(data_dir)
    if (root / KEY_FILE).exists():
        raise UserFixableError("provider_exists", path=str(root / KEY_FILE))
    try:
        root.mkdir(parents=True, exist_ok=True, mode=_FOLDER_MODE)
        with contextlib.suppress(NotImplementedError):
            os.chmod(root, _FOLDER_MODE)
    except OSError as exc:
        raise UserFixableError("not_writable", path=str(root), reason=exc.strerror or "") from exc
    key = generate_provider_key(name, code)
    write_bytes(root / KEY_FILE, encrypt_provider_key(key, password), exclusive=True)
    write_bytes(root / PUBLIC_KEY_FILE, export_provider_key(key.identity), mode=PUBLIC_MODE)
    return ProviderFolder(root, key)


def open_provider(data_dir: Path, password: str) -> ProviderFolder:
    """The provider of `data_dir` with its key decrypted. UserFixableError
    "provider_not_initialised", "file_unreadable", "file_too_large"; SigningError
    "wrong_password", "provider_key_invalid", "format_unsupported"."""
    root = provider_root(data_dir)
    path = root / KEY_FILE
    if not path.exists():
        raise UserFixableError("provider_not_initialised", path=str(root))
    try:
        with path.open("rb") as file:
            blob = file.read(MAX_KEY_BYTES + 1)
    except OSError as exc:
        raise UserFixableError("file_unreadable", file=path.name, path=str(path)) from exc
    if len(blob) > MAX_KEY_BYTES:
        raise UserFixableError("file_too_large", file=path.name, path=str(path), max_mb=1)
    return ProviderFolder(root, decrypt_provider_key(blob, password, file=path.name))


def provider_public_identity(data_dir: Path) -> ProviderIdentity | None:
    """Who the provider of `data_dir` is, from its public key file (no password needed):
    for a window to show its name and fingerprint. None when there is none or it cannot be
    read (the encrypted key, asked for with the password, is what signs)."""
    path = provider_root(data_dir) / PUBLIC_KEY_FILE
    try:
        with path.open("rb") as file:
            data = file.read(MAX_KEY_BYTES + 1)
        if len(data) > MAX_KEY_BYTES:
            return None
        return read_provider_key(data, file=path.name)
    except (OSError, SigningError):
        return None


def export_provider_public_key(provider: ProviderFolder, out: Path) -> Path:
    """Write the provider's public key file to `out` (readable by others: it holds nothing
    personal); an existing different file there is refused ("file_exists")."""
    write_bytes(out, export_provider_key(provider.identity), exclusive=True, mode=PUBLIC_MODE)
    return out
