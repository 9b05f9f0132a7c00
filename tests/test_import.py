"""Channel import: a web shop's order export becomes orders, each one all or nothing, once only."""

import csv
import json
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.cli import main
from app.services.errors import ValidationFailed
from app.services.importing import ImportFileError, import_orders, write_error_report

FIELDS = ("order_ref", "order_date", "customer_email", "customer_code", "customer_name", "phone", "ship_to_name",
          "ship_to_address1", "ship_to_address2", "ship_to_city", "ship_to_region", "ship_to_postal_code",
          "ship_to_country", "currency", "requested_date", "notes", "sku", "quantity", "unit_price", "discount_pct")
SOON = (date.today() + timedelta(days=10)).isoformat()


def write_csv(path, rows, *, bom=True):
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        writer = csv.DictWriter(out, FIELDS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(ref, sku, quantity, **fields):
    return {"order_ref": ref, "sku": sku, "quantity": quantity, "order_date": "2026-01-15T10:22:00+08:00",
            "requested_date": SOON, **fields}


PUJIANG = {"customer_email": "BUY@Pujiang.cn", "customer_name": "上海浦江机械有限公司",
           "ship_to_name": "浦江机械 仓库", "ship_to_address1": "浦东新区张江路 88 号", "ship_to_city": "上海",
           "ship_to_country": "CN"}
WANG = {"customer_email": "wang.xiaoming@example.cn", "customer_name": "王小明", "phone": "+86 138 0000 0000",
        "ship_to_name": "王小明", "ship_to_address1": "朝阳区建国路 1 号", "ship_to_city": "北京",
        "ship_to_postal_code": "100020", "ship_to_country": "cn", "notes": "请在工作日送货"}


def shop_file(tmp_path):
    """Two good orders (an existing and a new customer) and two bad ones."""
    return write_csv(tmp_path / "shop-orders.csv", [
        row("#1001", "P-100", "1", **PUJIANG),
        row("#1001", "V-20", "5", **PUJIANG),
        row("#1002", "V-20", "2", unit_price="75.50", discount_pct="10", **WANG),
        row("#1003", "P-100", "1", **WANG),
        row("#1003", "V-20", "abc", **WANG),
        row("#1004", "NOPE-1", "1", **WANG),
    ])


def import_as_clerk(company, path, **kwargs):
    return import_orders(path, "web_shop", uow_factory=company.uow_factory("clerk"), **kwargs)


def counts(company):
    return {table: company.scalar(f"SELECT count(*) FROM {table}") for table in (
        "sales_order", "sales_order_line", "customer", "change_log", "order_status_history", "stock_move",
        "approval_request", "notification")}


def test_good_orders_go_in_and_each_bad_order_is_reported_by_row_field_and_reason(company, tmp_path):
    with company.admin.cursor() as cur:
        cur.execute("INSERT INTO customer_price (customer_id, product_id, valid_from, unit_price) VALUES (%s, %s, %s, 999)",
                    (company.ids["customer"], company.ids["pump"], date.today() - timedelta(days=3)))
    report = import_as_clerk(company, shop_file(tmp_path))

    assert (report.orders_in_file, report.created, report.skipped_existing, report.rejected_orders) == (4, 2, 0, 2)
    assert (report.lines_created, report.customers_created) == (3, 1)
    assert [(p.file, p.row, p.order_ref, p.field, p.reason) for p in report.rejected] == [
        ("shop-orders.csv", 6, "#1003", "quantity", "quantity 'abc' is not a number; write numbers like 12 or 1234.50."),
        ("shop-orders.csv", 7, "#1004", "sku", "There is no product with SKU 'NOPE-1'."),
    ]
    orders = company.rows(
        "SELECT o.external_ref, c.code, o.status, o.order_date, o.created_by, o.ship_to_name, o.ship_to_country, o.notes "
        "FROM sales_order o JOIN customer c ON c.id = o.customer_id WHERE o.channel = 'web_shop' ORDER BY o.id")
    clerk = company.logins["clerk"].name
    assert orders == [
        ("#1001", "C001", "ready_to_ship", date(2026, 1, 15), clerk, "浦江机械 仓库", "CN", None),
        ("#1002", "WEB-000001", "ready_to_ship", date(2026, 1, 15), clerk, "王小明", "CN", "请在工作日送货"),
    ]
    lines = company.rows("SELECT o.external_ref, l.line_no, p.sku, l.quantity, l.unit_price, l.discount_pct, l.tax_rate, "
                         "l.reserved_qty FROM sales_order_line l JOIN sales_order o ON o.id = l.order_id "
                         "JOIN product p ON p.id = l.product_id ORDER BY o.id, l.line_no")
    assert lines == [("#1001", 1, "P-100", 1, 999, 0, 13, 1),          # the customer's agreed price
                     ("#1001", 2, "V-20", 5, 80, 0, 13, 5),            # the list price
                     ("#1002", 1, "V-20", 2, Decimal("75.5"), 10, 13, 2)]
    assert company.rows("SELECT name, email, phone, city, postal_code, country, language, currency FROM customer "
                        "WHERE code = 'WEB-000001'") == [
        ("王小明", "wang.xiaoming@example.cn", "+86 138 0000 0000", "北京", "100020", "CN", "zh_CN", "CNY")]
    assert company.scalar("SELECT count(*) FROM sales_order WHERE external_ref IN ('#1003', '#1004')") == 0
    assert company.rows("SELECT DISTINCT note FROM order_status_history WHERE to_status = 'draft'") == [
        ("Imported from shop-orders.csv",)]
    assert "2 orders created (3 lines, 1 new customer), 0 already imported, 2 rejected" in report.summary()


def test_importing_the_same_file_twice_creates_nothing_new(company, tmp_path):
    path = shop_file(tmp_path)
    first = import_as_clerk(company, path)
    before = counts(company)
    second = import_as_clerk(company, path)
    assert counts(company) == before
    assert (first.created, second.created, second.skipped_existing, second.customers_created) == (2, 0, 2, 0)
    assert [p.order_ref for p in second.rejected] == ["#1003", "#1004"]  # still refused, still not there
    assert "0 orders created (0 lines), 2 already imported, 2 rejected" in second.summary()


def test_order_fields_that_differ_between_rows_of_one_order_reject_that_order(company, tmp_path):
    path = write_csv(tmp_path / "orders.csv", [
        row("A-1", "V-20", "1", **WANG),
        row("A-1", "V-20", "2", **{**WANG, "ship_to_city": "上海"}),
        row("A-2", "V-20", "1", **WANG),
        {"order_ref": "A-2", "sku": "P-100", "quantity": "1"},   # order fields left blank: taken from row 4
    ])
    report = import_as_clerk(company, path)
    assert [(p.row, p.order_ref, p.field, p.reason) for p in report.rejected] == [
        (3, "A-1", "ship_to_city", "Row 3 gives ship_to_city '上海' but row 2 of the same order gives '北京'; "
                                   "order fields must match on every row.")]
    assert company.rows("SELECT external_ref, line_count FROM sales_order") == [("A-2", 2)]


def test_rules_of_order_entry_apply_with_the_same_words(company, tmp_path):
    past = (date.today() - timedelta(days=1)).isoformat()
    path = write_csv(tmp_path / "orders.csv", [
        row("B-1", "V-20", "1", customer_code="C003"),
        row("B-2", "OLD-1", "1", customer_code="C001"),
        row("B-3", "V-20", "0", customer_code="C001"),
        row("B-4", "V-20", "1", customer_code="C001", unit_price="-1"),
        row("B-5", "V-20", "1", customer_code="C001", discount_pct="150"),
        row("B-6", "V-20", "1", customer_code="C001", requested_date=past),
        row("B-7", "V-20", "1", customer_code="C001", order_date="2026-13-45"),
        row("", "V-20", "1", customer_code="C001"),
        row("B-9", "", "1", customer_code="C001"),
        row("B-10", "V-20", "1"),
        row("B-11", "V-20", "1", customer_email="new@example.com"),
        row("B-12", "V-20", "1", customer_code="C001", ship_to_country="China", currency="RMB1"),
    ])
    report = import_as_clerk(company, path)
    assert [(p.row, p.order_ref, p.field, p.reason) for p in report.rejected] == [
        (2, "B-1", "customer_code", "Customer Blocked Trading Ltd is blocked (unpaid invoices); orders cannot be taken."),
        (3, "B-2", "sku", "Product OLD-1 is no longer sold (inactive)."),
        (4, "B-3", "quantity", "The quantity must be more than zero."),
        (5, "B-4", "unit_price", "The price cannot be negative."),
        (6, "B-5", "discount_pct", "The discount must be between 0 and 100 %."),
        (7, "B-6", "requested_date", f"The requested date {past} is in the past."),
        (8, "B-7", "order_date", "order_date '2026-13-45' is not a valid date; write dates as YYYY-MM-DD, like 2026-03-31."),
        (9, "", "order_ref", "The row has no order_ref, so it cannot be tied to an order."),
        # the rows around a row without order_ref may have lost a line to it
        (9, "B-7", "order_ref", "Row 9 next to this order has no order_ref and may be one of its lines, "
                                "so the order is not imported."),
        (9, "B-9", "order_ref", "Row 9 next to this order has no order_ref and may be one of its lines, "
                                "so the order is not imported."),
        (10, "B-9", "sku", "The line has no sku."),
        (11, "B-10", "customer_email", "Give customer_email or customer_code so the customer can be found or created."),
        (12, "B-11", "customer_name", "There is no customer with email 'new@example.com' yet; the file needs "
                                      "customer_name to create one."),
        (13, "B-12", "currency", "currency 'RMB1' is not a three-letter currency code such as CNY or USD."),
        (13, "B-12", "ship_to_country", "ship_to_country 'China' is not a two-letter country code such as CN or US."),
    ]
    assert report.created == 0 and company.scalar("SELECT count(*) FROM sales_order") == 0
    assert company.scalar("SELECT count(*) FROM customer") == 3


def test_big_orders_wait_for_approval_and_a_customer_over_its_credit_limit_goes_on_credit_hold(company, tmp_path):
    path = write_csv(tmp_path / "orders.csv", [
        row("C-1", "V-20", "200", customer_code="C001"),      # 16,000: over 10,000
        row("C-2", "V-20", "20", customer_code="C002"),       # 1,600 over the credit limit of 1,000
        row("C-3", "CAB-1", "1", customer_code="C001"),       # make to order: production demand
    ])
    report = import_as_clerk(company, path)
    assert (report.created, report.waiting_for_approval, report.on_credit_hold) == (3, 1, 1)
    assert company.rows("SELECT external_ref, status, hold_kind FROM sales_order ORDER BY id") == [
        ("C-1", "pending_approval", None), ("C-2", "on_hold", "credit"), ("C-3", "in_production", None)]
    assert company.scalar("SELECT count(*) FROM production_order") == 1
    assert company.scalar("SELECT count(*) FROM notification WHERE kind = 'approval_needed'") > 0
    assert "1 wait for approval, 1 on credit hold" in report.summary()


def test_a_new_customer_is_created_once_across_batches_and_codes_continue_the_numbering(company, tmp_path):
    with company.admin.cursor() as cur:
        cur.execute("INSERT INTO customer (code, name) VALUES ('WEB-000041', 'Earlier web customer')")
    path = write_csv(tmp_path / "orders.csv", [
        row(f"D-{n}", "V-20", "1", customer_email=f"buyer{n % 2}@example.de", customer_name=f"Käufer {n % 2}",
            ship_to_country="DE", currency="EUR") for n in range(6)])
    report = import_as_clerk(company, path, batch_size=2)
    assert (report.created, report.customers_created) == (6, 2)
    assert company.rows("SELECT code, name, country, language, currency FROM customer WHERE left(code, 4) = 'WEB-' "
                        "ORDER BY code") == [("WEB-000041", "Earlier web customer", "CN", "zh_CN", "CNY"),
                                             ("WEB-000042", "Käufer 0", "DE", "en_US", "EUR"),
                                             ("WEB-000043", "Käufer 1", "DE", "en_US", "EUR")]
    assert company.scalar("SELECT count(DISTINCT currency) FROM sales_order") == 1


def test_an_order_the_database_refuses_is_isolated_and_the_rest_of_its_batch_goes_in(company, tmp_path):
    path = write_csv(tmp_path / "orders.csv", [
        row(f"E-{n}", "V-20", "1", customer_code="C001" if n == 3 else "C002") for n in range(6)])

    def block_pujiang_before_writing(stage, fraction):
        if stage.startswith("Importing"):
            with company.admin.cursor() as cur:
                cur.execute("UPDATE customer SET blocked = true WHERE code = 'C001'")

    report = import_as_clerk(company, path, progress=block_pujiang_before_writing)
    assert report.created == 5
    [problem] = report.rejected
    assert (problem.row, problem.order_ref, problem.field) == (5, "E-3", "order")
    assert problem.reason.startswith("The customer of order SO-") and problem.reason.endswith(
        "is blocked; it cannot be submitted.")
    assert company.scalar("SELECT count(*) FROM sales_order WHERE external_ref = 'E-3'") == 0
    assert company.scalar("SELECT count(*) FROM sales_order") == 5


def test_an_order_imported_meanwhile_by_another_desktop_counts_as_already_imported(company, tmp_path):
    path = write_csv(tmp_path / "orders.csv", [row(f"F-{n}", "V-20", "1", customer_code="C001") for n in range(3)])

    def other_desktop(stage, fraction):
        if stage.startswith("Importing"):
            with company.admin.cursor() as cur:
                cur.execute("INSERT INTO sales_order (customer_id, channel, external_ref) VALUES (%s, 'web_shop', 'F-1')",
                            (company.ids["customer"],))

    report = import_as_clerk(company, path, progress=other_desktop)
    assert (report.created, report.skipped_existing, report.rejected) == (2, 1, [])
    assert company.scalar("SELECT count(*) FROM sales_order WHERE external_ref = 'F-1'") == 1


def test_json_orders_nested_or_flat_import_like_csv(company, tmp_path):
    path = tmp_path / "orders.json"
    path.write_text(json.dumps({"orders": [
        {"order_ref": "J-1", "customer_email": "buy@pujiang.cn", "requested_date": SOON,
         "ship_to_name": "浦江机械", "lines": [{"sku": "P-100", "quantity": 2}, {"sku": "V-20", "quantity": 1.5,
                                                                               "unit_price": 79.99}]},
        {"order_ref": "J-2", "customer_code": "C001", "lines": [{"sku": "V-20", "quantity": -1}]},
        {"order_ref": "J-3", "customer_code": "C001", "lines": []},
        {"order_ref": "J-4", "customer_code": "C001", "sku": "V-20", "quantity": "3"},
        {"order_ref": "J-4", "customer_code": "C001", "sku": "P-100", "quantity": 1, "notes": ["not", "text"]},
        {"order_ref": "J-5", "customer_code": "C001", "sku": "V-20", "quantity": 4},
        {"order_ref": "J-5", "sku": "P-100", "quantity": 1},
    ]}, ensure_ascii=False), encoding="utf-8")
    report = import_as_clerk(company, path)
    assert [(p.row, p.order_ref, p.field, p.reason) for p in report.rejected] == [
        (2, "J-2", "lines[1].quantity", "The quantity must be more than zero."),
        (3, "J-3", "lines", "The order has no lines."),
        (5, "J-4", "notes", "notes must be text or a number, not a list."),
    ]
    assert company.rows("SELECT o.external_ref, p.sku, l.quantity, l.unit_price FROM sales_order_line l "
                        "JOIN sales_order o ON o.id = l.order_id JOIN product p ON p.id = l.product_id "
                        "ORDER BY o.id, l.line_no") == [
        ("J-1", "P-100", 2, 1200), ("J-1", "V-20", Decimal("1.5"), Decimal("79.99")),
        ("J-5", "V-20", 4, 80), ("J-5", "P-100", 1, 1200)]
    assert company.scalar("SELECT ship_to_name FROM sales_order WHERE external_ref = 'J-1'") == "浦江机械"


@pytest.mark.parametrize("content, message", [
    (b"", "is empty"),
    (b"\xff\xfeo\x00r\x00", "is not UTF-8 text (line 1"),
    (b"ref,item,qty\n1,P-100,2\n", "The header has no column order_ref"),
    (b"order_ref,sku,quantity\n1,P-100,2\n", "needs a customer_email or customer_code column"),
])
def test_a_file_that_is_not_an_order_export_is_refused_whole(company, tmp_path, content, message):
    path = tmp_path / "orders.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=re.escape(message)):
        import_as_clerk(company, path)
    assert company.scalar("SELECT count(*) FROM sales_order") == 0


def test_an_unknown_channel_is_refused_naming_the_known_ones(company, tmp_path):
    with pytest.raises(ValidationFailed, match="'webshop' is not a known sales channel; use one of marketplace, web_shop"):
        import_orders(shop_file(tmp_path), "webshop", uow_factory=company.uow_factory("clerk"))


def test_cli_import_prints_the_summary_and_writes_the_error_report_next_to_the_file(company, tmp_path, capsys):
    path = shop_file(tmp_path)
    url = company.logins["clerk"].url
    assert main(["import", str(path), "--channel", "web_shop", "--database-url", url]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("Imported shop-orders.csv into web_shop: 2 orders created (3 lines, 1 new customer), "
                             "0 already imported, 2 rejected;")
    report_path = tmp_path / "shop-orders.csv.errors.csv"
    assert out[1] == f"2 rejected orders were skipped and the rest imported; the reasons are in {report_path}."
    with report_path.open(encoding="utf-8-sig", newline="") as f:
        assert list(csv.reader(f)) == [
            ["file", "row", "order_ref", "field", "reason"],
            ["shop-orders.csv", "6", "#1003", "quantity",
             "quantity 'abc' is not a number; write numbers like 12 or 1234.50."],
            ["shop-orders.csv", "7", "#1004", "sku", "There is no product with SKU 'NOPE-1'."]]

    elsewhere = tmp_path / "reports" / "second.csv"
    elsewhere.parent.mkdir()
    assert main(["import", str(path), "--channel", "web_shop", "--report", str(elsewhere), "--database-url", url]) == 0
    assert "0 orders created (0 lines), 2 already imported, 2 rejected" in capsys.readouterr().out
    assert elsewhere.read_text(encoding="utf-8-sig").count("\n") == 3


def test_cli_import_with_an_unknown_channel_or_a_missing_file_exits_2_with_one_sentence(company, tmp_path, capsys):
    url = company.logins["clerk"].url
    assert main(["import", str(shop_file(tmp_path)), "--channel", "ebay", "--database-url", url]) == 2
    err = capsys.readouterr().err
    assert err == "orderpilot: 'ebay' is not a known sales channel; use one of marketplace, web_shop, email, fax, " \
                  "phone, walk_in.\n"
    assert main(["import", str(tmp_path / "missing.csv"), "--channel", "web_shop", "--database-url", url]) == 2
    assert capsys.readouterr().err == f"orderpilot: There is no file {tmp_path / 'missing.csv'}.\n"
    assert company.scalar("SELECT count(*) FROM sales_order") == 0


def test_the_error_report_keeps_chinese_text_readable_in_a_spreadsheet(company, tmp_path):
    path = write_csv(tmp_path / "订单.csv", [row("中-1", "不存在", "1", customer_code="C001")], bom=False)
    report = import_as_clerk(company, path)
    target = write_error_report(report, tmp_path / "errors.csv")
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")
    assert "订单.csv,2,中-1,sku,There is no product with SKU '不存在'." in target.read_text(encoding="utf-8-sig")


def test_the_examples_in_the_format_documentation_import_as_described(company, tmp_path):
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[1] / "docs" / "import_format.md").read_text(encoding="utf-8")
    examples = dict(re.findall(r"```(csv|json)\n(.*?)```", doc, re.DOTALL))
    (tmp_path / "example.csv").write_text(examples["csv"], encoding="utf-8")
    report = import_as_clerk(company, tmp_path / "example.csv", today=date(2026, 3, 31))
    assert (report.created, report.lines_created, report.customers_created, report.rejected) == (3, 4, 1, [])
    assert company.rows("SELECT o.external_ref, c.name, o.currency FROM sales_order o JOIN customer c "
                        "ON c.id = o.customer_id ORDER BY o.id") == [
        ("#1001", "上海浦江机械有限公司", "CNY"), ("#1002", "王小明", "CNY"), ("#1003", "Hansen Pumpen GmbH", "EUR")]

    (tmp_path / "example.json").write_text(examples["json"], encoding="utf-8")
    report = import_orders(tmp_path / "example.json", "marketplace", uow_factory=company.uow_factory("clerk"))
    assert (report.created, report.lines_created, report.customers_created, report.rejected) == (2, 3, 0, [])
