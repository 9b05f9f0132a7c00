"""The ``orderpilot`` command: the desktop client, and headless administration.

    orderpilot [--database-url URL]                 open the client
    orderpilot db init [--database-url URL]         roles, schema and guards on an empty database
    orderpilot db upgrade                           migrate to the newest schema
    orderpilot db status                            where the database is and its schema revision
    orderpilot db prune [--keep-days 7]             delete old change-log entries
    orderpilot user add LOGIN --role op_sales ...   a login with its job roles (password prompted)
    orderpilot demo-data [--orders N]               realistic demo data through the real rules
    orderpilot import FILE --channel NAME           import web-shop / marketplace orders (CSV, JSON)
    orderpilot print KIND ORDER_NO [-o FILE]        a document as PDF; `print labels --orders …` for labels
    orderpilot import FILE --channel web_shop       a web-shop/marketplace order export (CSV or JSON)

The database is chosen by --database-url, else OP_DATABASE_URL, else the config file, else the
embedded server (see app/config.py). Failures print one sentence and exit with status 2.
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from decimal import Decimal, InvalidOperation

from app import __version__
from app.services.errors import AdminError, OrderPilotError

EXIT_FAILURE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="orderpilot", description="OrderPilot order management.")
    parser.add_argument("--version", action="version", version=f"OrderPilot {__version__}")
    url_help = "PostgreSQL URL of a shared server (overrides OP_DATABASE_URL and the config file)"
    parser.add_argument("--database-url", help=url_help)
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    commands = parser.add_subparsers(dest="command")

    db = commands.add_parser("db", help="create or migrate the database")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    for name, text in (("init", "create roles, schema and guards on an empty database (safe to repeat)"),
                       ("upgrade", "migrate the database to the newest schema"),
                       ("status", "show which database is used and its schema revision"),
                       ("prune", "delete change-log entries older than --keep-days (default 7)")):
        sub = db_commands.add_parser(name, help=text)
        sub.add_argument("--database-url", help=url_help, default=argparse.SUPPRESS)
        if name == "prune":
            sub.add_argument("--keep-days", type=float, default=7.0)

    user = commands.add_parser("user", help="manage logins")
    user_commands = user.add_subparsers(dest="user_command", required=True)
    add = user_commands.add_parser("add", help="create a login with job roles (password from a prompt or stdin)")
    add.add_argument("login")
    add.add_argument("--role", action="append", default=[], dest="roles",
                     help="job role, repeatable: op_sales, op_approver, op_planner, op_warehouse, "
                          "op_shipping, op_service, op_manager, op_admin")
    add.add_argument("--approval-limit", help="largest order total this login may approve")
    add.add_argument("--display-name", help="name shown in the client (default: the login)")
    add.add_argument("--department")
    add.add_argument("--email")
    add.add_argument("--password-stdin", action="store_true",
                     help="read the password from the first line of standard input")
    add.add_argument("--database-url", help=url_help, default=argparse.SUPPRESS)

    demo = commands.add_parser("demo-data", help="load realistic demo data (through the real rules)")
    demo.add_argument("--orders", type=int, default=2000, help="number of orders (default 2000)")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--database-url", help=url_help, default=argparse.SUPPRESS)

    imp = commands.add_parser(
        "import", help="import a channel's order export (CSV or JSON; see docs/import_format.md)",
        description="Import orders from a web-shop or marketplace export. Orders already imported for the "
                    "channel are skipped; a bad order is reported and skipped, the good ones go in. The exit "
                    "status is 0 once the file was processed, even when orders were rejected (their reasons "
                    "go to the error report), and 2 when the file cannot be read or the channel is unknown.")
    imp.add_argument("file", help="the export file (.csv or .json, UTF-8)")
    imp.add_argument("--channel", required=True, help="sales channel code, e.g. web_shop or marketplace")
    imp.add_argument("--report", help="where to write the rejected orders (default: FILE.errors.csv next to FILE)")
    imp.add_argument("--batch-size", type=int, default=2500, help="orders per transaction (default 2500)")
    imp.add_argument("--database-url", help=url_help, default=argparse.SUPPRESS)

    prt = commands.add_parser(
        "print", help="write an order document or shipping labels to a file (PDF, or ZPL for label printers)",
        description="Print an order's document to a PDF file: confirmation, pick-list, packing-slip, invoice, rma, "
                    "label. 'labels' writes the labels of every package of several orders into one file.")
    prt.add_argument("kind", choices=["confirmation", "pick-list", "packing-slip", "invoice", "rma", "label", "labels"])
    prt.add_argument("order_no", nargs="?", help="the order number (RMA-… for rma and SH-… for packing-slip work too)")
    prt.add_argument("-o", "--output", help="the file to write (default: KIND-ORDER_NO.pdf; required for labels)")
    prt.add_argument("--orders", nargs="+", default=[], metavar="ORDER_NO", help="labels: the orders to label")
    prt.add_argument("--size", choices=["4x6", "100x150"], help="labels: 4x6 inches or 100x150 mm (default: company.ini)")
    prt.add_argument("--zpl", action="store_true", help="labels: write ZPL for a Zebra-compatible thermal printer")
    prt.add_argument("--database-url", help=url_help, default=argparse.SUPPRESS)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    from app.db.connect import open_database

    try:
        if args.command is None:
            from app.client import run

            return run(args.database_url)
        with open_database(args.database_url) as db:
            if args.command == "db":
                return _db_command(args, db)
            if args.command == "user":
                return _user_add(args, db)
            if args.command == "demo-data":
                return _demo_data(args, db)
            if args.command == "print":
                return _print(args, db)
            if args.command == "import":
                return _import_orders(args, db)
    except OrderPilotError as error:
        print(f"orderpilot: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        print("orderpilot: interrupted; nothing was committed by the interrupted step.", file=sys.stderr)
        return EXIT_FAILURE
    return 0


def _db_command(args, db) -> int:
    from app.services import admin

    if args.db_command == "init":
        result = admin.init_database(db.engine)
        print(f"OrderPilot database ready at {db.label}: schema revision {result.revision}"
              + (" (was already initialised)" if result.already else "") + ".")
    elif args.db_command == "upgrade":
        result = admin.upgrade_database(db.engine)
        print(f"Database at {db.label} is at schema revision {result.revision}"
              + (" (no migration was needed)" if result.already else "") + ".")
    elif args.db_command == "prune":
        deleted = admin.prune_change_log(db.engine, keep_days=args.keep_days)
        print("Another session is pruning right now; nothing done." if deleted < 0
              else f"Deleted {deleted} change-log entries older than {args.keep_days:g} "
                 f"day{'' if args.keep_days == 1 else 's'}.")
    else:
        status = admin.database_status(db.engine)
        print(f"Database: {db.label} (chosen by {db.source})")
        print(f"Schema revision: {status.revision or 'none'} (newest: {status.head})")
        print(f"Orders: {status.orders if status.orders is not None else '-'}")
    return 0


def _user_add(args, db) -> int:
    from app.db.engine import unit_of_work_factory
    from app.services.users import NewUser, add_user, validate_new_user

    limit = None
    if args.approval_limit is not None:
        try:
            limit = Decimal(args.approval_limit)
        except InvalidOperation:
            raise AdminError(f"'{args.approval_limit}' is not an amount; write it like 50000 or 50000.00.")
    user = NewUser(login=args.login, roles=tuple(args.roles), display_name=args.display_name or args.login,
                   department=args.department, email=args.email, approval_limit=limit)
    validate_new_user(user)
    password = _read_password(args.password_stdin)
    add_user(user, password, uow=unit_of_work_factory(db.engine)())
    print(f"Login '{user.login}' created with {', '.join(user.roles)}.")
    return 0


def _read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("Password for the new login: ")
        if getpass.getpass("Repeat the password: ") != password:
            raise AdminError("The two passwords differ; nothing was created.")
    if not password:
        raise AdminError("An empty password is not allowed; nothing was created.")
    return password


def _demo_data(args, db) -> int:
    from app.services.demo_data import load_demo_data

    if args.orders < 0:
        raise AdminError("--orders cannot be negative.")

    def progress(stage: str, fraction: float) -> None:
        print(f"\r{fraction:6.1%}  {stage:<60}", end="", file=sys.stderr, flush=True)

    summary = load_demo_data(db.engine, orders=args.orders, seed=args.seed, progress=progress)
    print(file=sys.stderr)
    print(f"Demo data loaded into {db.label}: {summary}")
    return 0


def _import_orders(args, db) -> int:
    from pathlib import Path

    from app.db.engine import unit_of_work_factory
    from app.services.importing import import_orders, write_error_report

    def progress(stage: str, fraction: float) -> None:
        print(f"\r{fraction:6.1%}  {stage:<60}", end="", file=sys.stderr, flush=True)

    path = Path(args.file)
    interactive = sys.stderr.isatty()  # a scheduled or watched-folder run logs no progress bar
    try:
        report = import_orders(path, args.channel, uow_factory=unit_of_work_factory(db.engine),
                               batch_size=args.batch_size, progress=progress if interactive else None)
    finally:
        if interactive:
            print(file=sys.stderr)
    print(report.summary())
    if report.rejected:
        target = write_error_report(report, Path(args.report) if args.report else path.with_name(path.name + ".errors.csv"))
        print(f"{report.rejected_orders} rejected {'order was' if report.rejected_orders == 1 else 'orders were'} "
              f"skipped and the rest imported; the reasons are in {target}.")
    return 0


def _print(args, db) -> int:
    from app.db.engine import unit_of_work_factory
    from app.services.documents.commands import print_document, print_labels

    uow_factory = unit_of_work_factory(db.engine)
    if args.kind == "labels":
        if not args.output:
            raise AdminError("Say where to write the labels: -o FILE (.pdf, or .zpl with --zpl).")
        orders = args.orders or ([args.order_no] if args.order_no else [])
        path = print_labels(orders, args.output, uow_factory=uow_factory, size=args.size, zpl=args.zpl)
    else:
        if not args.order_no:
            raise AdminError(f"Give the order number to print, e.g. orderpilot print {args.kind} SO-2026-0000001.")
        path = print_document(args.kind, args.order_no, args.output, uow_factory=uow_factory)
    print(f"Wrote {path}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
