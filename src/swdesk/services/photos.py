"""The ID photo's limits and check, for the windows that let a person choose a photo.

`normalise_photo` (swdesk.media.photo) checks a chosen file the way saving does and
returns the scaled, re-encoded JPEG, so a photo that cannot be used is explained next to
the field before anything is saved; the limits are the figures the help texts name.
"""

from swdesk.media.photo import (
    MAX_FILE_BYTES,
    MIN_HEIGHT,
    MIN_WIDTH,
    NormalisedPhoto,
    normalise_photo,
)

__all__ = ["MAX_FILE_BYTES", "MIN_HEIGHT", "MIN_WIDTH", "NormalisedPhoto", "normalise_photo"]
