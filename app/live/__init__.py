"""Live status: the change feed from PostgreSQL (LISTEN/NOTIFY + change_log) into the Qt client.

``ChangeListener`` owns one autocommit connection in a thread of its own and emits parsed,
de-duplicated changes in order; ``LiveFeed`` hands them to views, coalesced per table.
Nothing here touches widgets.
"""
