-- Change feed and privileges for what revision 0002 added.

-- Purchase suggestions and material availability change live on every desk.
SELECT op_watch_table('material_demand', NULL);

-- New functions are not for everyone by default.
REVOKE ALL ON FUNCTION op_guard_operation_progress(), op_touch_by(), op_guard_plant_setting(),
    op_post_production(bigint, bigint) FROM PUBLIC;
REVOKE ALL ON TABLE plant_setting FROM PUBLIC;

GRANT SELECT ON plant_setting TO op_sales, op_approver, op_planner, op_warehouse, op_shipping, op_service,
    op_manager, op_admin;
GRANT UPDATE (time_zone) ON plant_setting TO op_admin;

-- Posting finished production: planners (who report the last operation) and the warehouse.
GRANT EXECUTE ON FUNCTION op_post_production(bigint, bigint) TO op_planner, op_warehouse;

-- New production records its component needs as covered or open at once; cancelled production
-- gives its components back.
GRANT INSERT (status) ON material_demand TO op_fulfilment;
GRANT UPDATE (status, quantity_reserved) ON material_demand TO op_fulfilment;

-- The buyer's answer to a shortage: when the purchase arrives.
GRANT UPDATE (expected_at) ON material_demand TO op_planner, op_warehouse;
-- Covering a shortage later may take the stock from another warehouse.
GRANT UPDATE (warehouse_id) ON material_demand TO op_planner, op_warehouse;

-- Whoever creates production (the fulfilment bundle) raises its material shortages at once;
-- planners refresh the wording of open alerts when they are raised again.
GRANT INSERT (kind, sales_order_id, production_order_id, production_operation_id, production_line_id, message)
    ON deviation_alert TO op_fulfilment;
GRANT UPDATE (message) ON deviation_alert TO op_planner;
