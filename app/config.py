"""Where the database is: the one place that decides which server a client talks to.

Precedence, highest first (documented in README.md):

1. ``--database-url`` on the command line;
2. the environment variable ``OP_DATABASE_URL``;
3. ``database_url`` in the config file ``<user config dir>/config.ini``, section ``[database]``;
4. otherwise the embedded PostgreSQL in the user's data folder.
"""

from __future__ import annotations

import configparser
import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "OrderPilot"
ENV_DATABASE_URL = "OP_DATABASE_URL"


def config_dir() -> Path:
    """The per-user folder holding ``config.ini``."""
    override = os.environ.get("OP_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """The per-user folder holding the embedded database cluster."""
    override = os.environ.get("OP_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_file() -> Path:
    return config_dir() / "config.ini"


@dataclass(frozen=True)
class DatabaseChoice:
    """The chosen database: a URL, or ``None`` for the embedded server, and why."""

    url: str | None
    source: str  # "command line", "environment", "config file" or "embedded"

    @property
    def embedded(self) -> bool:
        return self.url is None


def read_config_url(path: Path | None = None) -> str | None:
    """The ``[database] database_url`` from the config file, if one is set."""
    path = path or config_file()
    if not path.exists():
        return None
    parser = configparser.ConfigParser()
    parser.read(path, encoding="utf-8")
    url = parser.get("database", "database_url", fallback="").strip()
    return url or None


def choose_database(cli_url: str | None = None) -> DatabaseChoice:
    """Apply the precedence rules above."""
    if cli_url:
        return DatabaseChoice(cli_url, "command line")
    env_url = os.environ.get(ENV_DATABASE_URL, "").strip()
    if env_url:
        return DatabaseChoice(env_url, "environment")
    file_url = read_config_url()
    if file_url:
        return DatabaseChoice(file_url, "config file")
    return DatabaseChoice(None, "embedded")
