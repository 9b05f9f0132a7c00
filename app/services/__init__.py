"""Business rules as plain functions over a unit of work; no Qt widgets here."""
