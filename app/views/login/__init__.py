"""Signing in: the login dialog, its worker thread and the remembered passwords."""
