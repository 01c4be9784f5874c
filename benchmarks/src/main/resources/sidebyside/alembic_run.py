"""Alembic's process in side-by-side.sh: `alembic upgrade head` through Alembic's Python API.

Usage: python3 alembic_run.py SQLALCHEMY_URL SCRIPT_DIR

SCRIPT_DIR holds env.py and versions/ (one revision file per migration, written by the benchmark).
No logging is configured, so Alembic writes nothing, as the other tools in the benchmark.
"""
import sys

from alembic import command
from alembic.config import Config


def main():
    url, script_dir = sys.argv[1], sys.argv[2]
    config = Config()
    config.set_main_option("script_location", script_dir)
    config.set_main_option("sqlalchemy.url", url)
    command.upgrade(config, "head")


if __name__ == "__main__":
    main()
