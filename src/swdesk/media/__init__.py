"""swdesk.media: processing of images the user brings in (the ID photo)."""

from .photo import NormalisedPhoto, normalise_photo

__all__ = ["NormalisedPhoto", "normalise_photo"]
