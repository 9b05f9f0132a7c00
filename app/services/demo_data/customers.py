"""Demo customers: about 70 % Chinese companies (names and addresses in Chinese characters),
the rest export customers in Germany, the US, the UK and a few other markets."""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from psycopg2.extras import execute_values

from app.services.demo_data import names

CUSTOMER_COUNT = 500
MASTER_SEED = 20240607  # master data is the same on every run, so re-runs find it again


@dataclass(frozen=True)
class Customer:
    """What the order generator needs to know about a customer."""

    id: int
    code: str
    name: str
    country: str
    currency: str
    credit_limit: Decimal | None
    blocked: bool
    address1: str | None
    address2: str | None
    city: str | None
    region: str | None
    postal_code: str | None
    weight: float  # relative order frequency (a few big accounts, a long tail)


def _chinese(rng: random.Random, n: int) -> dict:
    city, region, postal, area, districts = rng.choice(names.CN_CITIES)
    trade, pinyin = rng.choice(names.CN_TRADE_NAMES)
    industry, abbr = rng.choice(names.CN_INDUSTRIES)
    short_city = city[:-1] if city.endswith("市") else city
    name = f"{short_city}{trade}{industry}{rng.choice(names.CN_SUFFIXES)}"
    contact = rng.choice(names.CN_SURNAMES) + rng.choice(names.CN_GIVEN)
    return {
        "code": f"CN{n:05d}", "name": name, "contact_name": contact,
        "email": f"{rng.choice(names.CN_MAIL_USERS)}@{pinyin}-{abbr}.com.cn",
        "phone": f"+86 {area} {rng.randint(5000, 8999)} {rng.randint(1000, 9999)}",
        "address_line1": f"{rng.choice(districts)}{rng.choice(names.CN_STREETS)}{rng.randint(1, 1888)}号",
        "address_line2": rng.choice(names.CN_BUILDINGS) or None,
        "city": city, "region": region, "postal_code": postal, "country": "CN",
        "language": "zh_CN", "currency": "CNY",
        "payment_terms_days": rng.choice((30, 30, 30, 60, 60, 90)),
    }


def _foreign(rng: random.Random, n: int) -> dict:
    market = rng.choices(names.FOREIGN_MARKETS, weights=[m["weight"] for m in names.FOREIGN_MARKETS])[0]
    city, region, postal = rng.choice(market["cities"])
    family = rng.choice(market["names"])
    name = rng.choice(market["patterns"]).format(
        n=family, c=city, i=rng.choice(names.FOREIGN_INDUSTRY_WORDS))
    first = rng.choice(market["first"])
    domain = "".join(ch for ch in family.lower() if ch.isalpha())
    domain = domain.replace("ü", "ue").replace("ä", "ae").replace("ö", "oe").replace("ß", "ss")
    return {
        "code": f"{market['country']}{n:05d}", "name": name, "contact_name": f"{first} {family}",
        "email": f"{first.lower()}.{domain}@{domain}-{market['country'].lower()}.{market['tld']}",
        "phone": f"{market['phone']} {rng.randint(100, 999)} {rng.randint(100000, 999999)}",
        "address_line1": market["address"].format(street=rng.choice(market["streets"]), no=rng.randint(1, 250)),
        "address_line2": None, "city": city, "region": region, "postal_code": postal,
        "country": market["country"], "language": market["language"], "currency": market["currency"],
        "payment_terms_days": rng.choice((30, 45, 60)),
    }


def _size_ranks() -> list[int]:
    """Each customer's rank by size (0 = biggest account), a fixed shuffle."""
    ranks = list(range(CUSTOMER_COUNT))
    random.Random(MASTER_SEED + 1).shuffle(ranks)
    return ranks


def demo_customer_rows() -> list[dict]:
    """The demo customers as column dictionaries (deterministic)."""
    rng = random.Random(MASTER_SEED)
    ranks = _size_ranks()
    rows = []
    seen_names: set[str] = set()
    for n in range(1, CUSTOMER_COUNT + 1):
        for _ in range(20):
            row = _chinese(rng, n) if rng.random() < 0.7 else _foreign(rng, n)
            if row["name"] not in seen_names:
                break
        seen_names.add(row["name"])
        factor = names.CNY_PER_UNIT[row["currency"]]
        if rng.random() < 0.4:  # big accounts get big limits
            rank = ranks[n - 1]
            limits = ((2_000_000, 3_000_000, 5_000_000) if rank < 25 else (500_000, 800_000, 1_000_000)
                      if rank < 120 else (100_000, 200_000, 300_000))
            row["credit_limit"] = Decimal(round(rng.choice(limits) / factor, -3))
        else:
            row["credit_limit"] = None
        if rng.random() < 0.02:
            row["blocked"] = True
            row["blocked_reason"] = rng.choice((
                "逾期账款超过90天 / Invoices overdue more than 90 days",
                "公司注销，待核实 / Company deregistered, to be verified",
                "Payment dispute pending with legal department",
            ))
        else:
            row["blocked"], row["blocked_reason"] = False, None
        rows.append(row)
    return rows


_COLUMNS = ("code", "name", "contact_name", "email", "phone", "address_line1", "address_line2", "city",
            "region", "postal_code", "country", "language", "currency", "credit_limit",
            "payment_terms_days", "blocked", "blocked_reason")


def ensure_customers(cur) -> list[Customer]:
    """Insert the demo customers that are missing (run as demo_admin) and return them all."""
    rows = demo_customer_rows()
    execute_values(
        cur,
        f"INSERT INTO customer ({', '.join(_COLUMNS)}) VALUES %s ON CONFLICT (code) DO NOTHING",
        [tuple(r[c] for c in _COLUMNS) for r in rows], page_size=500)
    codes = [r["code"] for r in rows]
    cur.execute(
        "SELECT id, code, name, country, currency, credit_limit, blocked, address_line1, address_line2, "
        "       city, region, postal_code "
        "FROM customer WHERE code = ANY(%s) ORDER BY code", (codes,))
    found = cur.fetchall()
    position = {code: i for i, code in enumerate(codes)}
    ranks = _size_ranks()  # a few big accounts and a long tail: Zipf weights by size rank
    return [
        Customer(id=r[0], code=r[1], name=r[2], country=r[3].strip(), currency=r[4].strip(),
                 credit_limit=r[5], blocked=r[6], address1=r[7], address2=r[8], city=r[9], region=r[10],
                 postal_code=r[11], weight=1.0 / (1 + ranks[position[r[1]]]) ** 0.9)
        for r in found
    ]
