"""The application wizard: `dialog.ApplicationWizard` (the controller) and one module per
page (`*_page.py`), each a `base.WizardPage` with `load(draft)`, `apply(draft)` and a
`changed` signal."""

from .dialog import ApplicationWizard
from .steps import STEPS

__all__ = ["STEPS", "ApplicationWizard"]
