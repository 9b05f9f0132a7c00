-- Undo revision 0002 (back to 0001).
REVOKE UPDATE (message) ON deviation_alert FROM op_planner;
REVOKE INSERT ON deviation_alert FROM op_fulfilment;
REVOKE INSERT (status) ON material_demand FROM op_fulfilment;
REVOKE UPDATE (status, quantity_reserved) ON material_demand FROM op_fulfilment;
REVOKE UPDATE (warehouse_id) ON material_demand FROM op_planner, op_warehouse;
DROP TRIGGER material_demand_feed_insert ON material_demand;
DROP TRIGGER material_demand_feed_update ON material_demand;
DROP TRIGGER material_demand_feed_delete ON material_demand;
DROP FUNCTION op_feed_material_demand();

DROP FUNCTION op_post_production(bigint, bigint);
DROP TABLE plant_setting;
DROP FUNCTION op_guard_plant_setting();
DROP TRIGGER production_operation_touch ON production_operation;
DROP FUNCTION op_touch_by();
DROP TRIGGER production_operation_guard_progress ON production_operation;
DROP FUNCTION op_guard_operation_progress();

DROP INDEX deviation_alert_sales_order_idx;
DROP INDEX deviation_alert_open_once_idx;
ALTER TABLE deviation_alert DROP COLUMN subject_id;
ALTER TABLE production_operation DROP CONSTRAINT operation_status_matches_times,
    DROP CONSTRAINT operation_finish_needs_start, DROP COLUMN updated_by, DROP COLUMN updated_at;
ALTER TABLE production_order DROP COLUMN received_qty, DROP COLUMN received_at;
DROP INDEX material_demand_production_order_idx;
ALTER TABLE material_demand DROP COLUMN expected_at;
DROP INDEX sales_order_total_idx;
