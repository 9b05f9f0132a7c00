-- Guards on approval decisions and stock, and append-only records.

CREATE FUNCTION op_guard_approval_decision() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    req record;
    profile record;
BEGIN
    SELECT r.id, r.order_id, r.status, r.active, r.approver_role,
           o.order_no, o.status AS order_status, o.created_by, o.total_amount
    INTO req
    FROM approval_request r JOIN sales_order o ON o.id = r.order_id
    WHERE r.id = NEW.request_id
    FOR UPDATE OF r;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'This approval request does not exist.' USING ERRCODE = 'OPA06';
    END IF;

    NEW.approver := session_user;
    NEW.order_id := req.order_id;
    NEW.decided_at := now();

    IF req.order_status <> 'pending_approval' OR NOT req.active OR req.status <> 'pending' THEN
        RAISE EXCEPTION 'Order % no longer waits for this approval (it is %).', req.order_no,
            op_status_label(req.order_status)
            USING ERRCODE = 'OPA07';
    END IF;
    IF session_user = req.created_by THEN
        RAISE EXCEPTION 'You cannot approve or reject your own order %.', req.order_no
            USING ERRCODE = 'OPA01';
    END IF;
    IF NOT pg_has_role(session_user, req.approver_role, 'MEMBER') THEN
        RAISE EXCEPTION 'Order % needs a decision by the role %, which you do not have.', req.order_no,
            req.approver_role
            USING ERRCODE = 'OPA03';
    END IF;
    SELECT approval_limit, active INTO profile FROM app_user WHERE login = session_user;
    IF NOT FOUND OR NOT profile.active THEN
        RAISE EXCEPTION 'Your login has no active OrderPilot profile; ask an administrator.'
            USING ERRCODE = 'OPA08';
    END IF;
    IF NEW.decision = 'approve' AND profile.approval_limit IS NOT NULL
       AND req.total_amount > profile.approval_limit THEN
        RAISE EXCEPTION 'Order % totals %, above your approval limit of %.', req.order_no,
            to_char(req.total_amount, 'FM999,999,999,990.00'), to_char(profile.approval_limit, 'FM999,999,999,990.00')
            USING ERRCODE = 'OPA02';
    END IF;
    IF NEW.decision = 'reject' AND coalesce(btrim(NEW.comment), '') = '' THEN
        RAISE EXCEPTION 'Say why you reject order %.', req.order_no USING ERRCODE = 'OPA09';
    END IF;
    IF EXISTS (SELECT 1 FROM approval_decision WHERE request_id = NEW.request_id AND approver = session_user) THEN
        RAISE EXCEPTION 'You have already decided on this approval of order %.', req.order_no
            USING ERRCODE = 'OPA10';
    END IF;
    RETURN NEW;
END
$$;

CREATE FUNCTION op_apply_approval_decision() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE approval_request r
    SET approvals = r.approvals + CASE WHEN NEW.decision = 'approve' THEN 1 ELSE 0 END,
        status = CASE
            WHEN NEW.decision = 'reject' THEN 'rejected'
            WHEN r.approvals + 1 >= r.required_approvals THEN 'approved'
            ELSE 'pending' END,
        decided_at = CASE
            WHEN NEW.decision = 'reject' OR r.approvals + 1 >= r.required_approvals THEN now() END
    WHERE r.id = NEW.request_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER approval_decision_guard BEFORE INSERT ON approval_decision
    FOR EACH ROW EXECUTE FUNCTION op_guard_approval_decision();
CREATE TRIGGER approval_decision_apply AFTER INSERT ON approval_decision
    FOR EACH ROW EXECUTE FUNCTION op_apply_approval_decision();


-- Stock: the CHECK constraints on stock_level keep reserved <= on hand and on hand >= 0;
-- this trigger writes the ledger for every change, whoever makes it.
CREATE FUNCTION op_stock_ledger() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    d_on_hand numeric;
    d_reserved numeric;
    ref_order bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        d_on_hand := NEW.on_hand;
        d_reserved := NEW.reserved;
    ELSE
        IF NEW.product_id <> OLD.product_id OR NEW.warehouse_id <> OLD.warehouse_id THEN
            RAISE EXCEPTION 'A stock record cannot be moved to another product or warehouse.' USING ERRCODE = 'OPS03';
        END IF;
        d_on_hand := NEW.on_hand - OLD.on_hand;
        d_reserved := NEW.reserved - OLD.reserved;
    END IF;
    IF d_on_hand = 0 AND d_reserved = 0 THEN
        RETURN NULL;
    END IF;
    BEGIN
        ref_order := nullif(current_setting('orderpilot.order_id', true), '')::bigint;
    EXCEPTION WHEN invalid_text_representation THEN
        ref_order := NULL;
    END;
    INSERT INTO stock_move (product_id, warehouse_id, on_hand_delta, reserved_delta, reason, order_id, reference, actor)
    VALUES (NEW.product_id, NEW.warehouse_id, d_on_hand, d_reserved,
            coalesce(nullif(current_setting('orderpilot.stock_reason', true), ''),
                     CASE WHEN TG_OP = 'INSERT' THEN 'opening balance' ELSE 'adjustment' END),
            ref_order, nullif(current_setting('orderpilot.stock_reference', true), ''), session_user);
    RETURN NULL;
END
$$;

CREATE FUNCTION op_touch_updated_at() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$;

-- Optimistic locking for planners' edits: every update bumps the version.
CREATE FUNCTION op_bump_version() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END
$$;

CREATE TRIGGER production_order_version BEFORE UPDATE ON production_order
    FOR EACH ROW EXECUTE FUNCTION op_bump_version();
CREATE TRIGGER production_operation_version BEFORE UPDATE ON production_operation
    FOR EACH ROW EXECUTE FUNCTION op_bump_version();

CREATE TRIGGER stock_level_touch BEFORE UPDATE ON stock_level
    FOR EACH ROW EXECUTE FUNCTION op_touch_updated_at();
CREATE TRIGGER stock_level_ledger AFTER INSERT OR UPDATE ON stock_level
    FOR EACH ROW EXECUTE FUNCTION op_stock_ledger();
CREATE TRIGGER customer_touch BEFORE UPDATE ON customer
    FOR EACH ROW EXECUTE FUNCTION op_touch_updated_at();
CREATE TRIGGER product_touch BEFORE UPDATE ON product
    FOR EACH ROW EXECUTE FUNCTION op_touch_updated_at();
CREATE TRIGGER shipment_touch BEFORE UPDATE ON shipment
    FOR EACH ROW EXECUTE FUNCTION op_touch_updated_at();
CREATE TRIGGER rma_touch BEFORE UPDATE ON rma
    FOR EACH ROW EXECUTE FUNCTION op_touch_updated_at();
CREATE TRIGGER production_order_touch BEFORE UPDATE ON production_order
    FOR EACH ROW EXECUTE FUNCTION op_touch_updated_at();


-- Append-only records: no role (not even the owner) updates or deletes them.
CREATE FUNCTION op_forbid_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'change_log' AND TG_OP = 'DELETE'
       AND current_setting('orderpilot.pruning', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is a permanent record; entries cannot be changed or deleted.', replace(TG_TABLE_NAME, '_', ' ')
        USING ERRCODE = 'OPH01';
END
$$;

CREATE TRIGGER order_status_history_append_only BEFORE UPDATE OR DELETE ON order_status_history
    FOR EACH ROW EXECUTE FUNCTION op_forbid_change();
CREATE TRIGGER stock_move_append_only BEFORE UPDATE OR DELETE ON stock_move
    FOR EACH ROW EXECUTE FUNCTION op_forbid_change();
CREATE TRIGGER approval_decision_append_only BEFORE UPDATE OR DELETE ON approval_decision
    FOR EACH ROW EXECUTE FUNCTION op_forbid_change();
CREATE TRIGGER change_log_append_only BEFORE UPDATE OR DELETE ON change_log
    FOR EACH ROW EXECUTE FUNCTION op_forbid_change();
