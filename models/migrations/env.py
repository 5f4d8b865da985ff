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
    """What migration 0015 makes on PostgreSQL only has no model (docs/server-rights.md): the
    indexes row-level security uses (``rls_…``) and the generated masked columns (``…_masked``)."""
    if not reflected or compare_to is not None:
        return True
    if type_ == "index":
        return not str(name).startswith("rls_")
    if type_ == "column":
        return not str(name).endswith("_masked")
    return True


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
