"""Inventory area: stock per product and warehouse, and the stock ledger."""
