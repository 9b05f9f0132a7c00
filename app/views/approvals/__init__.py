"""Approvals area: the inbox of orders waiting for the signed-in approver."""
