-- Privileges per group role. No role gets blanket write access; history tables get no write
-- privilege at all (triggers write them as the owner). Column lists keep server-maintained
-- columns (numbers, totals, versions, creators) out of every client's reach.

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO op_sales, op_approver, op_planner, op_warehouse, op_shipping,
    op_service, op_manager, op_admin;

-- Everyone who works here may read everything (the point: one shared, current status).
GRANT SELECT ON ALL TABLES IN SCHEMA public TO op_sales, op_approver, op_planner, op_warehouse,
    op_shipping, op_service, op_manager, op_admin;
GRANT EXECUTE ON FUNCTION op_status_label(text), op_prune_change_log(interval), op_next_number(text)
    TO op_sales, op_approver, op_planner, op_warehouse, op_shipping, op_service, op_manager, op_admin;

-- Notifications: anyone may notify anyone; each login reads its own and those it sent, and marks only its own.
ALTER TABLE notification ENABLE ROW LEVEL SECURITY;
CREATE POLICY notification_own_rows ON notification FOR SELECT
    USING (recipient = session_user OR created_by = session_user);
CREATE POLICY notification_mark_read ON notification FOR UPDATE USING (recipient = session_user)
    WITH CHECK (recipient = session_user);
CREATE POLICY notification_send ON notification FOR INSERT WITH CHECK (created_by = session_user);
GRANT INSERT (recipient, kind, title, body, order_id) ON notification
    TO op_sales, op_approver, op_planner, op_warehouse, op_shipping, op_service, op_manager, op_admin;
GRANT UPDATE (read_at) ON notification
    TO op_sales, op_approver, op_planner, op_warehouse, op_shipping, op_service, op_manager, op_admin;

-- Fulfilment bundle (sales, approver, planner, warehouse): carry an approved order forward —
-- reserve stock, record shortages, create production demand.
GRANT UPDATE (status, status_note, promised_date) ON sales_order TO op_fulfilment;
GRANT UPDATE (reserved_qty, shortage_qty, warehouse_id, production_line_id) ON sales_order_line TO op_fulfilment;
GRANT UPDATE (reserved) ON stock_level TO op_fulfilment;
GRANT INSERT (sales_order_id, sales_order_line_id, product_id, quantity, production_line_id, priority, due_date)
    ON production_order TO op_fulfilment;
GRANT INSERT (production_order_id, seq, name, production_line_id, setup_minutes, run_minutes)
    ON production_operation TO op_fulfilment;
GRANT UPDATE (status) ON production_order TO op_fulfilment;  -- cancel unstarted production with its order
GRANT INSERT (production_order_id, product_id, warehouse_id, quantity_required, quantity_reserved, quantity_short, supplier_id)
    ON material_demand TO op_fulfilment;

-- Sales: customers (not their credit), orders and lines while draft, holds, cancellations.
GRANT INSERT (code, name, contact_name, email, phone, address_line1, address_line2, city, region,
              postal_code, country, language, currency, payment_terms_days) ON customer TO op_sales;
GRANT UPDATE (name, contact_name, email, phone, address_line1, address_line2, city, region,
              postal_code, country, language, currency) ON customer TO op_sales;
GRANT INSERT (customer_id, channel, external_ref, order_type, priority, order_date, requested_date,
              promised_date, currency, customer_reference, ship_to_name, ship_to_address1, ship_to_address2,
              ship_to_city, ship_to_region, ship_to_postal_code, ship_to_country, notes, warehouse_id, status_note)
    ON sales_order TO op_sales;
GRANT UPDATE (customer_id, channel, external_ref, order_type, priority, order_date, requested_date,
              promised_date, currency, customer_reference, ship_to_name, ship_to_address1, ship_to_address2,
              ship_to_city, ship_to_region, ship_to_postal_code, ship_to_country, notes, warehouse_id,
              status, status_note, hold_kind, hold_reason)
    ON sales_order TO op_sales;
GRANT INSERT (order_id, line_no, product_id, description, quantity, unit_price, discount_pct, tax_rate, warehouse_id)
    ON sales_order_line TO op_sales;
GRANT UPDATE (line_no, product_id, description, quantity, unit_price, discount_pct, tax_rate)
    ON sales_order_line TO op_sales;
GRANT DELETE ON sales_order_line TO op_sales;
GRANT INSERT (customer_id, order_id, kind, rating, subject, body) ON customer_feedback TO op_sales;

-- Approvers: decisions (guarded), and the order's status after them.
GRANT INSERT (request_id, decision, comment) ON approval_decision TO op_approver;

-- Planners: production orders, operations, calendars, alerts, promised dates and priorities.
GRANT UPDATE (priority, promised_date) ON sales_order TO op_planner;
GRANT UPDATE (production_line_id, priority, due_date, expected_completion, status, quantity_done)
    ON production_order TO op_planner;
GRANT UPDATE (production_line_id, planned_start, planned_end, actual_start, actual_end, quantity_done,
              quantity_scrap, status) ON production_operation TO op_planner;
GRANT DELETE ON production_operation TO op_planner;
GRANT UPDATE (quantity_reserved, quantity_short, status, supplier_id) ON material_demand TO op_planner;
GRANT INSERT, UPDATE, DELETE ON line_shift, line_day_off TO op_planner;
GRANT INSERT (kind, sales_order_id, production_order_id, production_operation_id, production_line_id, message)
    ON deviation_alert TO op_planner;
GRANT UPDATE (resolved_at) ON deviation_alert TO op_planner;

-- Warehouse: stock quantities, reorder points, locations.
GRANT INSERT (product_id, warehouse_id, location_id, on_hand, reorder_point, reorder_qty) ON stock_level TO op_warehouse;
GRANT UPDATE (on_hand, reserved, location_id, reorder_point, reorder_qty) ON stock_level TO op_warehouse;
GRANT INSERT, UPDATE ON location TO op_warehouse;
GRANT UPDATE (status, quantity_reserved, quantity_short) ON material_demand TO op_warehouse;

-- Shipping: shipments, packages, tracking; consuming shipped stock.
GRANT INSERT (order_id, warehouse_id, carrier_id, service, tracking_no, weight_kg) ON shipment TO op_shipping;
GRANT UPDATE (carrier_id, service, tracking_no, status, weight_kg, shipped_at, delivered_at) ON shipment TO op_shipping;
GRANT INSERT, UPDATE, DELETE ON shipment_package, shipment_line TO op_shipping;
GRANT INSERT (shipment_id, occurred_at, status, location, description, source) ON tracking_event TO op_shipping;
GRANT UPDATE (status, status_note) ON sales_order TO op_shipping;
GRANT UPDATE (on_hand, reserved) ON stock_level TO op_shipping;
GRANT UPDATE (reserved_qty) ON sales_order_line TO op_shipping;

-- After-sales: returns and feedback, delivery confirmation and closing.
GRANT INSERT (order_id, customer_id, reason) ON rma TO op_service;
GRANT UPDATE (status, resolution) ON rma TO op_service;
GRANT INSERT, UPDATE ON rma_line TO op_service;
GRANT INSERT (customer_id, order_id, kind, rating, subject, body, assigned_to) ON customer_feedback TO op_service;
GRANT UPDATE (status, assigned_to, resolved_at) ON customer_feedback TO op_service;
GRANT UPDATE (status, status_note) ON sales_order TO op_service;

-- Managers: everything operational (inherited), plus credit decisions and customer prices.
GRANT UPDATE (credit_limit, blocked, blocked_reason, payment_terms_days) ON customer TO op_manager;
GRANT INSERT, UPDATE, DELETE ON customer_price TO op_manager;

-- Administrators: master data (customers including credit limits), rules, user profiles.
-- Not orders, not stock quantities.
GRANT INSERT, UPDATE ON customer, carrier, supplier, product_family, product, bom, bom_line, routing,
    routing_operation, production_line, warehouse, location, approval_rule, line_assignment_rule,
    app_user TO op_admin;
GRANT DELETE ON customer_price, bom_line, routing_operation, line_capability, line_shift, line_day_off,
    approval_rule, line_assignment_rule TO op_admin;
GRANT INSERT, UPDATE ON customer_price, line_capability, line_shift, line_day_off TO op_admin;
