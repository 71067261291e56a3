"""The Qt user interface: the only package that imports PySide6.

Importing it first switches off PySide's source scan of every later import
(`pyside_setup.skip_feature_scan`), before the window's modules are imported.
"""

from .pyside_setup import skip_feature_scan

skip_feature_scan()
