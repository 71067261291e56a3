"""swdesk: offline desktop workspace for certified social workers' registration."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("swdesk")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0+source"
