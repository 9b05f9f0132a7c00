"""Database plumbing: engines and units of work, the embedded server, migrations, roles."""
