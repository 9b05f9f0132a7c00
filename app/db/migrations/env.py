"""Alembic environment: runs migrations on the connection handed in by app.db.migrate."""

from alembic import context

connection = context.config.attributes.get("connection")
if connection is None:  # plain `alembic` command line: build an engine from the URL in the config
    from app.db.engine import make_engine

    engine = make_engine(context.config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
        with context.begin_transaction():
            context.run_migrations()
        connection.commit()
else:
    context.configure(connection=connection, target_metadata=None, transaction_per_migration=True)
    with context.begin_transaction():
        context.run_migrations()
