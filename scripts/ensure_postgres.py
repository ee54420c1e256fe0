"""Make sure PostgreSQL answers and the database the tests connect to exists.

Exit 0 when ready, 1 when the server cannot be reached. Reads the same PG*
variables as example_site/settings.py.
"""

import os
import sys

import psycopg
from psycopg import sql

params = {
    "host": os.environ.get("PGHOST", "127.0.0.1"),
    "port": os.environ.get("PGPORT", "5432"),
    "user": os.environ.get("PGUSER", "postgres"),
    "password": os.environ.get("PGPASSWORD", ""),
    "connect_timeout": 5,
}
name = os.environ.get("PGDATABASE", "test")

try:
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"created database {name}")
except psycopg.OperationalError as exc:
    print(f"PostgreSQL not reachable at {params['host']}:{params['port']}: {exc}")
    sys.exit(1)
print(f"PostgreSQL ready at {params['host']}:{params['port']}, database {name}")
