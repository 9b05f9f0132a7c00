"""Notifications: the unread count for the toolbar badge and the panel listing them."""
