"""env.py of the generated Alembic history: Alembic's generic template, online mode only, without
the logging configuration. One connection (NullPool), all revisions in one begin_transaction()
block, as `alembic init` generates it."""
from alembic import context
from sqlalchemy import create_engine, pool

engine = create_engine(context.config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
