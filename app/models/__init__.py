"""SQLAlchemy models mirroring the OrderPilot schema (``app/db/sql/``), one module per area.

Importing this package registers every table on :data:`Base.metadata`.
"""

from app.models.aftersales import CustomerFeedback, Rma, RmaLine
from app.models.approvals import ApprovalDecision, ApprovalRequest, ApprovalRule
from app.models.base import Base
from app.models.change_log import ChangeLog, ChangeLogPruned
from app.models.notifications import Notification
from app.models.orders import (
    OrderStatus,
    OrderStatusHistory,
    OrderStatusLabel,
    OrderStatusTransition,
    SalesChannel,
    SalesOrder,
    SalesOrderLine,
)
from app.models.partners import Carrier, Customer, CustomerPrice, Supplier
from app.models.plant import (
    LineAssignmentRule,
    LineCapability,
    LineDayOff,
    LineShift,
    PlantSetting,
    ProductionLine,
)
from app.models.production import (
    DeviationAlert,
    MaterialDemand,
    ProductionOperation,
    ProductionOrder,
)
from app.models.products import Bom, BomLine, Product, ProductFamily, Routing, RoutingOperation
from app.models.shipping import Shipment, ShipmentLine, ShipmentPackage, TrackingEvent
from app.models.stock import Location, StockLevel, StockMove, Warehouse
from app.models.users import AppUser

__all__ = [
    "AppUser",
    "ApprovalDecision",
    "ApprovalRequest",
    "ApprovalRule",
    "Base",
    "Bom",
    "BomLine",
    "Carrier",
    "ChangeLog",
    "ChangeLogPruned",
    "Customer",
    "CustomerFeedback",
    "CustomerPrice",
    "DeviationAlert",
    "LineAssignmentRule",
    "LineCapability",
    "LineDayOff",
    "LineShift",
    "Location",
    "MaterialDemand",
    "Notification",
    "OrderStatus",
    "OrderStatusHistory",
    "OrderStatusLabel",
    "OrderStatusTransition",
    "PlantSetting",
    "Product",
    "ProductFamily",
    "ProductionLine",
    "ProductionOperation",
    "ProductionOrder",
    "Rma",
    "RmaLine",
    "SalesChannel",
    "SalesOrder",
    "SalesOrderLine",
    "Shipment",
    "ShipmentLine",
    "ShipmentPackage",
    "StockLevel",
    "StockMove",
    "Supplier",
    "TrackingEvent",
    "Warehouse",
]
