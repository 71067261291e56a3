"""Reviewer mode's windows: entering it (`launcher`, `login`); the main window (`window`)
with its queue (`filters`, `queue_model`), imports (`import_dialog`), exports (`exports`)
and the Office menu's keys, trust list and audit check (`office_actions`); one application
in detail (`detail`, `data_tab`, `evidence`, `form_mask`); deciding (`decide`).

Nothing is imported here: reviewer mode loads only when the user opens it
(`launcher.open_reviewer`), never at the practitioner's start.
"""
