"""Creating the new customers an import names, before the orders that need them are written.

Customers are master data: they are created (or found again, when another import created them
meanwhile) in a short transaction of their own, one importer at a time (an advisory lock), so
two files naming one new buyer make one customer. Generated codes continue the channel's
numbering (``WEB-000042``); a code the file gives is used as it is.
"""

from __future__ import annotations

import json

from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from app.services.errors import DatabaseUnavailable, OrderPilotError, translate_database_error
from app.services.importing.mapping import NewCustomer

_LOCK = "orderpilot.import.customers"
_CODE_PREFIX = {"web_shop": "WEB", "marketplace": "MKT"}

_FIND = sql("""
    SELECT id, lower(email) AS email, code FROM customer
    WHERE lower(email) = ANY(:emails) OR code = ANY(:codes) ORDER BY id
""")

_INSERT = sql(f"""
    INSERT INTO customer (code, name, email, phone, address_line1, address_line2, city, region, postal_code,
                          country, language, currency)
    SELECT {", ".join(f"e->>{i}" for i in range(12))}
    FROM json_array_elements(CAST(:customers AS json)) AS e
    ON CONFLICT (code) DO NOTHING
    RETURNING id, code
""")


class CustomerCreator:
    """Gives every :class:`NewCustomer` its ``id`` (or, if the database refuses it, its ``error``)."""

    def __init__(self, uow_factory, channel: str):
        self.uow_factory = uow_factory
        self.prefix = _CODE_PREFIX.get(channel, channel.upper().replace("_", "-"))
        self.next_code: int | None = None
        self.created = 0

    def create(self, customers: list[NewCustomer]) -> None:
        pending = list({c.key: c for c in customers if c.id is None and c.error is None}.values())
        if not pending:
            return
        try:
            self._create(pending)
        except (DBAPIError, OrderPilotError) as exc:
            if isinstance(exc, DBAPIError) and exc.connection_invalidated:
                raise DatabaseUnavailable("The connection to the database was lost during the import; the orders "
                                          "imported so far are kept, so import the same file again to finish.") from exc
            if len(pending) == 1:
                pending[0].error = _reason(exc)
                return
            for customer in pending:   # find the one the database refuses
                self.create([customer])

    def _create(self, customers: list[NewCustomer]) -> None:
        ids: dict[str, int] = {}
        created = 0
        with self.uow_factory() as uow:
            session = uow.session
            session.execute(sql("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": _LOCK})
            missing = self._find(session, customers, ids)
            created += self._insert(session, [c for c in missing if c.code], ids, generated=False)
            created += self._insert(session, [c for c in missing if not c.code], ids, generated=True)
            uow.commit()
        for customer in customers:
            customer.id = ids[customer.key]
        self.created += created

    def _find(self, session: Session, customers: list[NewCustomer], ids: dict[str, int]) -> list[NewCustomer]:
        """Customers created meanwhile (by another import) are used; the rest are returned."""
        by_email, by_code = {}, {}
        for row in session.execute(_FIND, {"emails": [c.email.lower() for c in customers if c.email],
                                           "codes": [c.code for c in customers if c.code]}):
            if row.email is not None:
                by_email.setdefault(row.email, row.id)
            by_code[row.code] = row.id
        missing = []
        for customer in customers:
            found = by_email.get(customer.email.lower()) if customer.email else None
            if found is None and customer.code:
                found = by_code.get(customer.code)
            if found is None:
                missing.append(customer)
            else:
                ids[customer.key] = found
        return missing

    def _insert(self, session: Session, customers: list[NewCustomer], ids: dict[str, int], *, generated: bool) -> int:
        created = 0
        for _ in range(5):
            if not customers:
                return created
            codes = self._codes(session, len(customers)) if generated else [c.code for c in customers]
            rows = [(code, c.name, c.email, c.phone, *c.address, c.country, c.language, c.currency)
                    for c, code in zip(customers, codes)]
            returned = {row.code: row.id for row in session.execute(_INSERT, {
                "customers": json.dumps(rows, ensure_ascii=False, separators=(",", ":"))})}
            created += len(returned)
            if not generated and len(returned) < len(set(codes)):
                # The code was taken meanwhile outside an import: that customer is the one the file means.
                returned.update((row.code, row.id) for row in session.execute(
                    sql("SELECT id, code FROM customer WHERE code = ANY(:codes)"), {"codes": codes}))
            taken = []
            for customer, code in zip(customers, codes):
                if code in returned:
                    ids[customer.key] = returned[code]
                else:
                    taken.append(customer)
            if taken:
                self.next_code = None   # generated codes were taken meanwhile: count again
            customers = taken
        raise OrderPilotError("New customer codes could not be generated; import the file again.")

    def _codes(self, session: Session, count: int) -> list[str]:
        if self.next_code is None:
            highest = session.scalar(sql(
                "SELECT max(substring(code FROM :pattern)::bigint) FROM customer WHERE code LIKE :like"),
                {"pattern": f"^{self.prefix}-([0-9]{{1,15}})$", "like": f"{self.prefix}-%"})
            self.next_code = (highest or 0) + 1
        first, self.next_code = self.next_code, self.next_code + count
        return [f"{self.prefix}-{n:06d}" for n in range(first, first + count)]


def _reason(exc: Exception) -> str:
    translated = exc if isinstance(exc, OrderPilotError) else translate_database_error(exc)
    detail = str(translated) if translated is not None else str(getattr(exc, "orig", exc)).splitlines()[0]
    return f"The new customer could not be created: {detail.strip().rstrip('.')}."
