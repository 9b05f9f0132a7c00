"""Qt screens: the main window, one sub-package per business area, shared widgets."""
