-- Group roles name the jobs. Roles are cluster-wide, so creation is idempotent.
-- op_manager inherits every operational role; op_fulfilment is an internal privilege bundle
-- (reserve stock, create production demand, move order status) shared by the roles whose
-- sessions carry an order past approval.
DO $$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY ARRAY['op_sales', 'op_approver', 'op_planner', 'op_warehouse',
                             'op_shipping', 'op_service', 'op_manager', 'op_admin',
                             'op_fulfilment']
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', r);
        END IF;
    END LOOP;
END
$$;

GRANT op_sales, op_approver, op_planner, op_warehouse, op_shipping, op_service TO op_manager;
GRANT op_fulfilment TO op_sales, op_approver, op_planner, op_warehouse;
