-- Guards on reported progress, who touched an operation, the plant time zone, and posting
-- finished production to stock.

-- Progress as reported per operation: plausible quantities and times, on open production only.
-- Runs only when a progress column changes, so planning writes on old rows are never blocked.
CREATE FUNCTION op_guard_operation_progress() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    mo record;
    what text;
BEGIN
    IF TG_OP = 'UPDATE' AND (NEW.quantity_done, NEW.quantity_scrap, NEW.actual_start, NEW.actual_end, NEW.status)
       IS NOT DISTINCT FROM (OLD.quantity_done, OLD.quantity_scrap, OLD.actual_start, OLD.actual_end, OLD.status) THEN
        RETURN NEW;
    END IF;
    SELECT production_no, quantity, status, received_at INTO mo
    FROM production_order WHERE id = NEW.production_order_id;
    what := format('Operation %s of %s', NEW.seq, mo.production_no);

    IF TG_OP = 'UPDATE' AND mo.status = 'cancelled' THEN
        RAISE EXCEPTION '% is cancelled; progress can no longer be reported.', mo.production_no
            USING ERRCODE = 'OPE03';
    END IF;
    IF TG_OP = 'UPDATE' AND mo.received_at IS NOT NULL THEN
        RAISE EXCEPTION '% was already received into stock; its progress can no longer be changed.', mo.production_no
            USING ERRCODE = 'OPE04';
    END IF;
    IF NEW.quantity_done + NEW.quantity_scrap > mo.quantity THEN
        RAISE EXCEPTION '% cannot report % done and % scrapped: together that is more than the % ordered.', what,
            NEW.quantity_done::float8, NEW.quantity_scrap::float8, mo.quantity::float8
            USING ERRCODE = 'OPV10';
    END IF;
    IF NEW.actual_end IS NOT NULL AND NEW.actual_start IS NULL THEN
        RAISE EXCEPTION '% cannot be finished before it has started; give its start time too.', what
            USING ERRCODE = 'OPV11';
    END IF;
    IF NEW.actual_end < NEW.actual_start THEN
        RAISE EXCEPTION '% cannot finish before it started.', what
            USING ERRCODE = 'OPV12';
    END IF;
    IF greatest(NEW.actual_start, NEW.actual_end) > now() + interval '15 minutes' THEN
        RAISE EXCEPTION '% cannot be reported as started or finished in the future.', what
            USING ERRCODE = 'OPV13';
    END IF;
    IF NEW.actual_start IS NULL AND NEW.quantity_done + NEW.quantity_scrap > 0 THEN
        RAISE EXCEPTION '% has quantities reported, so it has started; give its start time.', what
            USING ERRCODE = 'OPV14';
    END IF;
    -- The status follows the times.
    NEW.status := CASE
        WHEN NEW.actual_end IS NOT NULL THEN 'done'
        WHEN NEW.actual_start IS NOT NULL THEN 'in_progress'
        WHEN NEW.status NOT IN ('in_progress', 'done') THEN NEW.status
        WHEN TG_OP = 'UPDATE' AND OLD.actual_start IS NOT NULL THEN  -- start taken back: planned again
            CASE WHEN NEW.planned_start IS NOT NULL THEN 'scheduled' ELSE 'pending' END
        END;
    IF NEW.status IS NULL THEN
        RAISE EXCEPTION '% cannot be marked as started or done without its start time.', what
            USING ERRCODE = 'OPV14';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER production_operation_guard_progress BEFORE INSERT OR UPDATE ON production_operation
    FOR EACH ROW EXECUTE FUNCTION op_guard_operation_progress();

-- Who moved or reported an operation last.
CREATE FUNCTION op_touch_by() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_by := session_user;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER production_operation_touch BEFORE INSERT OR UPDATE ON production_operation
    FOR EACH ROW EXECUTE FUNCTION op_touch_by();

-- The plant time zone must be one PostgreSQL knows.
CREATE FUNCTION op_guard_plant_setting() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.time_zone IS NOT NULL THEN
        BEGIN
            PERFORM now() AT TIME ZONE NEW.time_zone;
        EXCEPTION WHEN invalid_parameter_value THEN
            RAISE EXCEPTION 'The time zone % is unknown; use a name such as Asia/Shanghai.', NEW.time_zone
                USING ERRCODE = 'OPV15';
        END;
    END IF;
    NEW.updated_by := session_user;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

CREATE TRIGGER plant_setting_guard BEFORE INSERT OR UPDATE ON plant_setting
    FOR EACH ROW EXECUTE FUNCTION op_guard_plant_setting();

-- Post a completed production order to stock, once: the components reserved for it are consumed
-- and its output is received into ``into_warehouse``. Quantities come from the rows, never from the
-- caller, so planners and the warehouse may post without holding write access to stock on hand.
-- Returns the quantity received.
CREATE FUNCTION op_post_production(mo_id bigint, into_warehouse bigint) RETURNS numeric
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    mo record;
BEGIN
    IF NOT (pg_has_role(session_user, 'op_planner', 'MEMBER') OR pg_has_role(session_user, 'op_warehouse', 'MEMBER')) THEN
        RAISE EXCEPTION 'Only planners and the warehouse may receive finished production into stock.'
            USING ERRCODE = '42501';
    END IF;
    SELECT id, production_no, status, quantity_done, product_id, sales_order_id, received_at INTO mo
    FROM production_order WHERE id = mo_id FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'Production order % does not exist.', mo_id USING ERRCODE = 'OPV16';
    END IF;
    IF mo.received_at IS NOT NULL THEN
        RAISE EXCEPTION '% was already received into stock.', mo.production_no USING ERRCODE = 'OPE04';
    END IF;
    IF mo.status <> 'completed' THEN
        RAISE EXCEPTION '% is not completed; only finished production is received into stock.', mo.production_no
            USING ERRCODE = 'OPV17';
    END IF;

    PERFORM set_config('orderpilot.order_id', coalesce(mo.sales_order_id::text, ''), true),
            set_config('orderpilot.stock_reference', mo.production_no, true),
            set_config('orderpilot.stock_reason', 'production consumption', true);
    UPDATE stock_level s SET on_hand = s.on_hand - d.qty, reserved = s.reserved - d.qty
    FROM (SELECT product_id, warehouse_id, sum(quantity_reserved) AS qty FROM material_demand
          WHERE production_order_id = mo.id AND status <> 'cancelled' AND quantity_reserved > 0
          GROUP BY product_id, warehouse_id) d
    WHERE s.product_id = d.product_id AND s.warehouse_id = d.warehouse_id;
    -- Nothing more is needed for finished work; purchases already ordered still arrive.
    UPDATE material_demand SET status = 'cancelled' WHERE production_order_id = mo.id AND status = 'open';

    IF mo.quantity_done > 0 THEN
        PERFORM set_config('orderpilot.stock_reason', 'production receipt', true);
        INSERT INTO stock_level AS s (product_id, warehouse_id, on_hand) VALUES (mo.product_id, into_warehouse, mo.quantity_done)
        ON CONFLICT (product_id, warehouse_id) DO UPDATE SET on_hand = s.on_hand + EXCLUDED.on_hand;
    END IF;
    UPDATE production_order SET received_at = now(), received_qty = mo.quantity_done WHERE id = mo.id;
    PERFORM set_config('orderpilot.stock_reason', '', true);
    RETURN mo.quantity_done;
END
$$;
