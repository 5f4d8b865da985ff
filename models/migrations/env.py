"""Alembic environment: the connection is handed in by models.db, never read from an ini file."""

from alembic import context
from sqlalchemy import create_engine

from models.schema import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as conn:
            _migrate(conn)
        return
    _migrate(connection)


def _include(obj, name, type_, reflected, compare_to) -> bool:
    """The indexes row-level security uses on PostgreSQL (``rls_…``, made by migration 0015) have
    no model: docs/server-rights.md."""
    return not (type_ == "index" and reflected and compare_to is None and str(name).startswith("rls_"))


def _migrate(connection) -> None:
    context.configure(
        include_object=_include,
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
