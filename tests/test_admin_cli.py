"""Headless administration: db init/upgrade, user add, and clear failures for bad input."""

import io
import secrets

import pytest

from app.cli import main
from app.config import choose_database


@pytest.fixture
def empty_database(pg_server):
    name = f"op_empty_{secrets.token_hex(4)}"
    conn = pg_server.admin_connection()
    with conn.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{name}" TEMPLATE template0')
    yield pg_server.url(name), name
    with conn.cursor() as cur:
        cur.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    conn.close()


def table_count(pg_server, name: str) -> int:
    with pg_server.admin_connection(name).cursor() as cur:
        cur.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
        return cur.fetchone()[0]


def test_db_init_migrates_an_empty_database_and_is_harmless_twice(pg_server, empty_database, capsys):
    url, name = empty_database
    assert main(["db", "init", "--database-url", url]) == 0
    first = capsys.readouterr().out
    assert "schema revision 0002" in first and "already" not in first
    tables = table_count(pg_server, name)
    assert tables > 40

    assert main(["db", "init", "--database-url", url]) == 0
    assert "already initialised" in capsys.readouterr().out
    assert table_count(pg_server, name) == tables
    assert main(["--database-url", url, "db", "upgrade"]) == 0
    assert "no migration was needed" in capsys.readouterr().out
    with pg_server.admin_connection(name).cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_roles WHERE rolname IN ('op_sales', 'op_approver', 'op_planner', "
                    "'op_warehouse', 'op_shipping', 'op_service', 'op_manager', 'op_admin')")
        assert cur.fetchone()[0] == 8
        cur.execute("SELECT count(*) FROM order_status_history")
        assert cur.fetchone()[0] == 0


def test_db_init_refuses_a_database_holding_someone_elses_tables(pg_server, empty_database, capsys):
    url, name = empty_database
    with pg_server.admin_connection(name).cursor() as cur:
        cur.execute("CREATE TABLE payroll (id int)")
    assert main(["db", "init", "--database-url", url]) == 2
    err = capsys.readouterr().err
    assert "not OrderPilot's (payroll)" in err and err.count("\n") == 1
    assert table_count(pg_server, name) == 1


def test_db_init_without_privileges_says_so_and_creates_nothing(pg_server, empty_database, make_login, capsys):
    url, name = empty_database
    weak = make_login("weak_admin")
    assert main(["db", "init", "--database-url", pg_server.url(name, user=weak.name)]) == 2
    err = capsys.readouterr().err
    assert "lacks the privileges" in err and "Nothing was changed" in err
    assert table_count(pg_server, name) == 0


def test_wrong_url_or_unreachable_server_is_one_clear_sentence(capsys):
    assert main(["db", "status", "--database-url", "mysql://root@localhost/shop"]) == 2
    assert "is not valid" in capsys.readouterr().err
    assert main(["db", "status", "--database-url", "this is not a url"]) == 2
    assert "is not valid" in capsys.readouterr().err
    assert main(["db", "init", "--database-url", "postgresql://postgres@127.0.0.1:1/orderpilot"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("orderpilot: Cannot connect to the database postgres@127.0.0.1:1/orderpilot")
    assert err.count("\n") == 1


def test_user_add_creates_login_roles_and_profile_with_a_hashed_password(database, monkeypatch, capsys):
    login = f"opt_cli_{secrets.token_hex(3)}"
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    try:
        code = main(["user", "add", login, "--role", "op_sales", "--role", "op_approver",
                     "--approval-limit", "25000", "--display-name", "李娜 (Li Na)", "--database-url", database.url])
        assert code == 0, capsys.readouterr().err
        with database.admin().cursor() as cur:
            cur.execute("SELECT display_name, approval_limit FROM app_user WHERE login = %s", (login,))
            assert cur.fetchone() == ("李娜 (Li Na)", 25000)
            cur.execute("SELECT pg_has_role(%s, 'op_sales', 'MEMBER'), pg_has_role(%s, 'op_approver', 'MEMBER'), "
                        "pg_has_role(%s, 'op_manager', 'MEMBER'), rolpassword LIKE 'SCRAM-SHA-256$%%' "
                        "FROM pg_authid WHERE rolname = %s", (login, login, login, login))
            assert cur.fetchone() == (True, True, False, True)
    finally:
        with database.admin().cursor() as cur:
            cur.execute(f'DROP ROLE IF EXISTS "{login}"')


def test_user_add_with_an_unknown_role_creates_nothing(database, monkeypatch, capsys):
    login = f"opt_cli_{secrets.token_hex(3)}"
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert main(["user", "add", login, "--role", "op_sales", "--role", "op_wizard", "--database-url", database.url]) == 2
    assert "Unknown role op_wizard" in capsys.readouterr().err
    with database.admin().cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_roles WHERE rolname = %s", (login,))
        assert cur.fetchone()[0] == 0
        cur.execute("SELECT count(*) FROM app_user WHERE login = %s", (login,))
        assert cur.fetchone()[0] == 0


def test_user_add_by_a_login_that_may_not_create_roles_is_refused(database, make_login, monkeypatch, capsys):
    clerk = make_login("not_an_admin", "op_admin")
    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert main(["user", "add", "newbie", "--role", "op_sales", "--database-url", clerk.url]) == 2
    assert "may not create users" in capsys.readouterr().err
    with database.admin().cursor() as cur:
        cur.execute("SELECT count(*) FROM pg_roles WHERE rolname = 'newbie'")
        assert cur.fetchone()[0] == 0


def test_passwords_are_never_taken_from_the_command_line(capsys):
    with pytest.raises(SystemExit):
        main(["user", "add", "someone", "--role", "op_sales", "--password", "secret123"])
    assert "unrecognized arguments" in capsys.readouterr().err


def test_database_choice_precedence(tmp_path, monkeypatch):
    monkeypatch.setenv("OP_CONFIG_DIR", str(tmp_path))
    monkeypatch.delenv("OP_DATABASE_URL", raising=False)
    assert choose_database(None).source == "embedded"
    (tmp_path / "config.ini").write_text("[database]\ndatabase_url = postgresql://file@host/db\n")
    assert choose_database(None).url == "postgresql://file@host/db"
    monkeypatch.setenv("OP_DATABASE_URL", "postgresql://env@host/db")
    assert choose_database(None).url == "postgresql://env@host/db"
    assert choose_database("postgresql://cli@host/db").source == "command line"


def test_db_prune_deletes_old_change_log_entries(database, capsys):
    with database.admin().cursor() as cur:
        cur.execute("INSERT INTO warehouse (code, name) VALUES ('X', 'X') RETURNING id")
        cur.execute("INSERT INTO product (sku, name) VALUES ('S', 'S') RETURNING id")
        cur.execute("INSERT INTO stock_level (product_id, warehouse_id) VALUES (1, 1)")
    assert main(["db", "prune", "--keep-days", "1", "--database-url", database.url]) == 0
    assert "Deleted 0 change-log entries older than 1 day." in capsys.readouterr().out
    assert main(["db", "prune", "--keep-days", "0", "--database-url", database.url]) == 0
    assert "Deleted 1 change-log entries" in capsys.readouterr().out
