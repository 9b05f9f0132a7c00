-- Guards on orders and their lines: legal status moves by role, editability, totals, history.
-- Errors raised here carry SQLSTATEs of the form 'OPxnn' and a message a clerk understands;
-- the Python services translate them into domain errors (see app/services/errors.py).

CREATE TABLE order_status_label (code text PRIMARY KEY REFERENCES order_status, label text NOT NULL);
INSERT INTO order_status_label VALUES
    ('draft', 'draft'), ('pending_approval', 'pending approval'), ('approved', 'approved'),
    ('in_production', 'in production'), ('ready_to_ship', 'ready to ship'), ('shipped', 'shipped'),
    ('delivered', 'delivered'), ('closed', 'closed'), ('rejected', 'rejected'),
    ('on_hold', 'on hold'), ('cancelled', 'cancelled');

CREATE FUNCTION op_status_label(code text) RETURNS text
LANGUAGE sql STABLE SET search_path = public, pg_temp AS $$
    SELECT coalesce((SELECT label FROM order_status_label l WHERE l.code = $1), $1)
$$;

-- Legal moves. op_manager inherits every operational role, so it needs no rows of its own.
INSERT INTO order_status_transition (from_status, to_status, role_name)
SELECT f, t, r FROM (VALUES
    ('draft', 'pending_approval', 'op_sales'),
    ('draft', 'cancelled', 'op_sales'),
    ('pending_approval', 'approved', 'op_sales'),        -- only when no approval is needed
    ('pending_approval', 'approved', 'op_approver'),
    ('pending_approval', 'rejected', 'op_approver'),
    ('pending_approval', 'draft', 'op_sales'),           -- withdraw to edit
    ('pending_approval', 'cancelled', 'op_sales'),
    ('rejected', 'draft', 'op_sales'),
    ('rejected', 'cancelled', 'op_sales'),
    ('approved', 'in_production', 'op_fulfilment'),
    ('approved', 'ready_to_ship', 'op_fulfilment'),
    ('approved', 'cancelled', 'op_sales'),
    ('in_production', 'ready_to_ship', 'op_planner'),
    ('in_production', 'ready_to_ship', 'op_warehouse'),
    ('in_production', 'cancelled', 'op_sales'),
    ('ready_to_ship', 'shipped', 'op_shipping'),
    ('ready_to_ship', 'in_production', 'op_planner'),     -- rework
    ('ready_to_ship', 'cancelled', 'op_sales'),
    ('shipped', 'delivered', 'op_shipping'),
    ('shipped', 'delivered', 'op_service'),
    ('delivered', 'closed', 'op_service'),
    ('delivered', 'closed', 'op_sales'),
    ('on_hold', 'cancelled', 'op_sales')
) AS v(f, t, r);

-- Hold and release: any open status before shipping can be held by sales (credit or manual)
-- and released back to where it was.
INSERT INTO order_status_transition (from_status, to_status, role_name)
SELECT s, 'on_hold', 'op_sales' FROM unnest(ARRAY['draft', 'pending_approval', 'approved', 'in_production', 'ready_to_ship']) s
UNION ALL
SELECT 'on_hold', s, 'op_sales' FROM unnest(ARRAY['draft', 'pending_approval', 'approved', 'in_production', 'ready_to_ship']) s;


CREATE FUNCTION op_guard_order_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.status <> 'draft' THEN
        RAISE EXCEPTION 'A new order starts as a draft; it cannot be created as %.', op_status_label(NEW.status)
            USING ERRCODE = 'OPT04';
    END IF;
    NEW.created_by := session_user;
    NEW.updated_by := session_user;
    NEW.created_at := now();
    NEW.updated_at := now();
    NEW.version := 1;
    NEW.total_amount := 0;
    NEW.line_count := 0;
    NEW.held_from_status := NULL;
    NEW.submitted_at := NULL;
    NEW.approved_at := NULL;
    NEW.shipped_at := NULL;
    NEW.closed_at := NULL;
    RETURN NEW;
END
$$;

CREATE FUNCTION op_guard_order_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    allowed_roles text;
    open_requests integer;
    short_lines integer;
BEGIN
    IF NEW.id <> OLD.id OR NEW.order_no <> OLD.order_no OR NEW.created_by <> OLD.created_by
       OR NEW.created_at <> OLD.created_at THEN
        RAISE EXCEPTION 'The number, creator and creation time of order % cannot be changed.', OLD.order_no
            USING ERRCODE = 'OPE02';
    END IF;

    -- What the customer ordered is fixed once the order leaves draft: approvals were given for it.
    IF OLD.status <> 'draft' AND (
        (NEW.customer_id, NEW.channel, NEW.external_ref, NEW.order_type, NEW.currency, NEW.order_date,
         NEW.requested_date, NEW.customer_reference, NEW.ship_to_name, NEW.ship_to_address1,
         NEW.ship_to_address2, NEW.ship_to_city, NEW.ship_to_region, NEW.ship_to_postal_code,
         NEW.ship_to_country, NEW.total_amount, NEW.line_count)
        IS DISTINCT FROM
        (OLD.customer_id, OLD.channel, OLD.external_ref, OLD.order_type, OLD.currency, OLD.order_date,
         OLD.requested_date, OLD.customer_reference, OLD.ship_to_name, OLD.ship_to_address1,
         OLD.ship_to_address2, OLD.ship_to_city, OLD.ship_to_region, OLD.ship_to_postal_code,
         OLD.ship_to_country, OLD.total_amount, OLD.line_count)) THEN
        RAISE EXCEPTION 'Order % is %; only draft orders can be changed.', OLD.order_no, op_status_label(OLD.status)
            USING ERRCODE = 'OPE01';
    END IF;

    IF NEW.status IS DISTINCT FROM OLD.status THEN
        IF NOT EXISTS (SELECT 1 FROM order_status_transition
                       WHERE from_status = OLD.status AND to_status = NEW.status) THEN
            RAISE EXCEPTION 'Order % cannot go from % to %.', OLD.order_no,
                op_status_label(OLD.status), op_status_label(NEW.status)
                USING ERRCODE = 'OPT01';
        END IF;
        IF NOT EXISTS (SELECT 1 FROM order_status_transition
                       WHERE from_status = OLD.status AND to_status = NEW.status
                         AND pg_has_role(session_user, role_name, 'MEMBER')) THEN
            SELECT string_agg(role_name, ' or ' ORDER BY role_name) INTO allowed_roles
            FROM order_status_transition WHERE from_status = OLD.status AND to_status = NEW.status;
            RAISE EXCEPTION 'You may not move order % from % to %; that needs the role %.', OLD.order_no,
                op_status_label(OLD.status), op_status_label(NEW.status), allowed_roles
                USING ERRCODE = 'OPT02';
        END IF;

        IF OLD.status = 'on_hold' THEN
            IF OLD.hold_kind = 'credit' AND NEW.status <> 'cancelled'
               AND NOT pg_has_role(session_user, 'op_manager', 'MEMBER') THEN
                RAISE EXCEPTION 'Order % is on credit hold; only a manager can release it.', OLD.order_no
                    USING ERRCODE = 'OPT05';
            END IF;
            IF NEW.status <> 'cancelled' AND NEW.status <> OLD.held_from_status THEN
                RAISE EXCEPTION 'Order % was put on hold while %; it can only be released back to % or cancelled.',
                    OLD.order_no, op_status_label(OLD.held_from_status), op_status_label(OLD.held_from_status)
                    USING ERRCODE = 'OPT03';
            END IF;
            NEW.held_from_status := NULL;
            NEW.hold_kind := NULL;
            NEW.hold_reason := NULL;
        END IF;

        CASE NEW.status
        WHEN 'pending_approval' THEN
            IF OLD.status = 'draft' THEN
                IF NEW.line_count = 0 THEN
                    RAISE EXCEPTION 'Order % has no lines; add at least one before submitting it.', OLD.order_no
                        USING ERRCODE = 'OPV01';
                END IF;
                IF EXISTS (SELECT 1 FROM sales_order_line l JOIN product p ON p.id = l.product_id
                           WHERE l.order_id = OLD.id AND NOT p.active) THEN
                    RAISE EXCEPTION 'Order % has a product that is no longer sold; remove it before submitting.',
                        OLD.order_no USING ERRCODE = 'OPV04';
                END IF;
                IF EXISTS (SELECT 1 FROM customer WHERE id = NEW.customer_id AND blocked) THEN
                    RAISE EXCEPTION 'The customer of order % is blocked; it cannot be submitted.', OLD.order_no
                        USING ERRCODE = 'OPV02';
                END IF;
                NEW.submitted_at := now();
            END IF;
        WHEN 'approved' THEN
            IF OLD.status = 'pending_approval' THEN
                SELECT count(*) INTO open_requests FROM approval_request
                WHERE order_id = OLD.id AND active AND status <> 'approved';
                IF open_requests > 0 THEN
                    RAISE EXCEPTION 'Order % still waits for % approval(s).', OLD.order_no, open_requests
                        USING ERRCODE = 'OPA04';
                END IF;
                NEW.approved_at := now();
            END IF;
        WHEN 'rejected' THEN
            IF NOT EXISTS (SELECT 1 FROM approval_request
                           WHERE order_id = OLD.id AND active AND status = 'rejected') THEN
                RAISE EXCEPTION 'Order % can only be rejected by an approver''s rejecting decision.', OLD.order_no
                    USING ERRCODE = 'OPA05';
            END IF;
        WHEN 'ready_to_ship' THEN
            SELECT count(*) INTO short_lines FROM sales_order_line
            WHERE order_id = OLD.id AND reserved_qty < quantity;
            IF short_lines > 0 THEN
                RAISE EXCEPTION 'Order % cannot be ready to ship: % line(s) are not fully reserved.',
                    OLD.order_no, short_lines
                    USING ERRCODE = 'OPS02';
            END IF;
        WHEN 'on_hold' THEN
            IF NEW.hold_kind IS NULL THEN
                RAISE EXCEPTION 'Say whether order % is held for credit or manually.', OLD.order_no
                    USING ERRCODE = 'OPV03';
            END IF;
            NEW.held_from_status := OLD.status;
        WHEN 'shipped' THEN
            NEW.shipped_at := now();
        WHEN 'closed' THEN
            NEW.closed_at := now();
        ELSE
            NULL;
        END CASE;

        IF NEW.status <> 'on_hold' THEN  -- hold details belong to a hold only
            NEW.hold_kind := NULL;
            NEW.hold_reason := NULL;
        END IF;

        -- A note left over from the previous move must not describe this one.
        IF NEW.status_note IS NOT DISTINCT FROM OLD.status_note THEN
            NEW.status_note := NULL;
        END IF;
    ELSIF NEW.status <> 'on_hold' AND (NEW.hold_kind IS NOT NULL OR NEW.hold_reason IS NOT NULL)
          AND (NEW.hold_kind, NEW.hold_reason) IS DISTINCT FROM (OLD.hold_kind, OLD.hold_reason) THEN
        RAISE EXCEPTION 'A hold reason belongs to an order on hold; put order % on hold instead.', OLD.order_no
            USING ERRCODE = 'OPV03';
    END IF;

    NEW.version := OLD.version + 1;
    NEW.updated_at := now();
    NEW.updated_by := session_user;
    RETURN NEW;
END
$$;

CREATE TRIGGER sales_order_guard_insert BEFORE INSERT ON sales_order
    FOR EACH ROW EXECUTE FUNCTION op_guard_order_insert();
CREATE TRIGGER sales_order_guard_update BEFORE UPDATE ON sales_order
    FOR EACH ROW EXECUTE FUNCTION op_guard_order_update();


-- Required approvals, computed on the server for every order that enters pending_approval
-- from draft. Set-based so that a bulk submission evaluates the rules once per statement.
CREATE FUNCTION op_open_approval_requests(order_ids bigint[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE approval_request SET active = false WHERE order_id = ANY (order_ids) AND active;

    INSERT INTO approval_request (order_id, rule_id, rule_name, reason, approver_role, required_approvals)
    WITH submitted AS (
        SELECT o.id, o.customer_id, o.channel, o.total_amount, c.credit_limit
        FROM sales_order o JOIN customer c ON c.id = o.customer_id
        WHERE o.id = ANY (order_ids)
    ), exposure AS (
        -- value of the customer's other approved but unfinished orders
        SELECT x.customer_id, sum(x.total_amount) AS open_value
        FROM sales_order x
        WHERE x.customer_id IN (SELECT customer_id FROM submitted WHERE credit_limit IS NOT NULL)
          AND (x.status IN ('approved', 'in_production', 'ready_to_ship', 'shipped')
               OR x.held_from_status IN ('approved', 'in_production', 'ready_to_ship'))
          AND NOT x.id = ANY (order_ids)
        GROUP BY x.customer_id
    ), repeat_customer AS (
        SELECT DISTINCT x.customer_id
        FROM sales_order x
        WHERE x.customer_id IN (SELECT customer_id FROM submitted)
          AND (x.status IN ('approved', 'in_production', 'ready_to_ship', 'shipped', 'delivered', 'closed')
               OR x.held_from_status IN ('approved', 'in_production', 'ready_to_ship'))
          AND NOT x.id = ANY (order_ids)
    ), discount AS (
        SELECT l.order_id, max(l.discount_pct) AS max_discount
        FROM sales_order_line l WHERE l.order_id = ANY (order_ids)
        GROUP BY l.order_id
    )
    SELECT s.id, r.id, r.name, why.reason, r.approver_role, r.required_approvals
    FROM submitted s
    CROSS JOIN approval_rule r
    LEFT JOIN exposure e ON e.customer_id = s.customer_id
    LEFT JOIN discount d ON d.order_id = s.id
    CROSS JOIN LATERAL (SELECT CASE r.condition
        WHEN 'order_total_over' THEN
            CASE WHEN s.total_amount > r.threshold THEN
                format('Order total %s is over %s.', to_char(s.total_amount, 'FM999,999,999,990.00'),
                       to_char(r.threshold, 'FM999,999,999,990.00')) END
        WHEN 'line_discount_over' THEN
            CASE WHEN d.max_discount > r.threshold THEN
                format('A line discount of %s%% is over %s%%.', d.max_discount, r.threshold) END
        WHEN 'customer_over_credit_limit' THEN
            CASE WHEN s.credit_limit IS NOT NULL
                      AND coalesce(e.open_value, 0) + s.total_amount > s.credit_limit THEN
                format('Open orders of %s with this one exceed the credit limit of %s.',
                       to_char(coalesce(e.open_value, 0) + s.total_amount, 'FM999,999,999,990.00'),
                       to_char(s.credit_limit, 'FM999,999,999,990.00')) END
        WHEN 'new_customer_first_order' THEN
            CASE WHEN NOT EXISTS (SELECT 1 FROM repeat_customer rc WHERE rc.customer_id = s.customer_id) THEN
                'First order of a new customer.' END
        WHEN 'channel_is' THEN
            CASE WHEN s.channel = r.channel THEN format('Orders from the channel %s need approval.', r.channel) END
        END AS reason) why
    WHERE r.active AND why.reason IS NOT NULL
    ORDER BY s.id, r.position, r.id;
END
$$;

-- History of every status change, with the real login, and approval requests on submission.
CREATE FUNCTION op_after_order_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO order_status_history (order_id, from_status, to_status, actor, changed_at, note)
    SELECT n.id, NULL, n.status, session_user, now(), n.status_note FROM new_rows n;
    RETURN NULL;
END
$$;

CREATE FUNCTION op_after_order_update() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    submitted bigint[];
BEGIN
    INSERT INTO order_status_history (order_id, from_status, to_status, actor, changed_at, note)
    SELECT n.id, o.status, n.status, session_user, now(), n.status_note
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.status IS DISTINCT FROM o.status
    ORDER BY n.id;

    SELECT array_agg(n.id) INTO submitted
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE n.status = 'pending_approval' AND o.status = 'draft';
    IF submitted IS NOT NULL THEN
        PERFORM op_open_approval_requests(submitted);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER sales_order_after_insert AFTER INSERT ON sales_order
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION op_after_order_insert();
CREATE TRIGGER sales_order_after_update AFTER UPDATE ON sales_order
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION op_after_order_update();


-- Lines: what was ordered changes only while the order is a draft; fulfilment columns
-- (reservation, shortage, warehouse, production line) change as the order is worked.
CREATE FUNCTION op_guard_order_line() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    o record;
BEGIN
    IF TG_OP = 'INSERT' AND NEW.tax_rate IS NULL THEN
        NEW.tax_rate := (SELECT tax_rate FROM product WHERE id = NEW.product_id);
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.order_id <> OLD.order_id THEN
            RAISE EXCEPTION 'A line cannot be moved to another order.' USING ERRCODE = 'OPE02';
        END IF;
        IF (NEW.line_no, NEW.product_id, NEW.description, NEW.quantity, NEW.unit_price, NEW.discount_pct, NEW.tax_rate)
           IS NOT DISTINCT FROM
           (OLD.line_no, OLD.product_id, OLD.description, OLD.quantity, OLD.unit_price, OLD.discount_pct, OLD.tax_rate) THEN
            RETURN NEW;  -- fulfilment only
        END IF;
    END IF;

    SELECT id, order_no, status INTO o FROM sales_order
    WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.order_id ELSE NEW.order_id END
    FOR SHARE;

    IF o.status <> 'draft' THEN
        RAISE EXCEPTION 'Order % is %; its lines can only be changed while it is a draft.',
            o.order_no, op_status_label(o.status)
            USING ERRCODE = 'OPE01';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;

CREATE TRIGGER sales_order_line_guard BEFORE INSERT OR UPDATE OR DELETE ON sales_order_line
    FOR EACH ROW EXECUTE FUNCTION op_guard_order_line();

-- Order totals follow the lines (set-based per statement); every change to what was ordered
-- updates the order row, so its version moves with its lines.
CREATE FUNCTION op_refresh_order_totals() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    touched bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT order_id) INTO touched FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT order_id) INTO touched FROM old_rows;
    ELSE  -- what was ordered changed (fulfilment columns alone do not touch the order)
        SELECT array_agg(DISTINCT n.order_id) INTO touched
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        WHERE (n.line_no, n.product_id, n.description, n.quantity, n.unit_price, n.discount_pct, n.tax_rate)
              IS DISTINCT FROM (o.line_no, o.product_id, o.description, o.quantity, o.unit_price, o.discount_pct, o.tax_rate);
    END IF;
    IF touched IS NULL THEN
        RETURN NULL;
    END IF;

    UPDATE sales_order so
    SET total_amount = t.total, line_count = t.lines
    FROM (
        SELECT ids.id, coalesce(sum(l.line_total), 0) AS total, count(l.id)::integer AS lines
        FROM unnest(touched) AS ids(id)
        LEFT JOIN sales_order_line l ON l.order_id = ids.id
        GROUP BY ids.id
    ) t
    WHERE so.id = t.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER sales_order_line_totals_insert AFTER INSERT ON sales_order_line
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION op_refresh_order_totals();
CREATE TRIGGER sales_order_line_totals_update AFTER UPDATE ON sales_order_line
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION op_refresh_order_totals();
CREATE TRIGGER sales_order_line_totals_delete AFTER DELETE ON sales_order_line
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION op_refresh_order_totals();
