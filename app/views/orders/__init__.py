"""The Orders area: the orders list and its table model."""
