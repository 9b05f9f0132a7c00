-- Live status: every committed change to a watched table lands in change_log and is announced
-- with NOTIFY orderpilot_changes. Triggers are per statement, so a bulk update writes its log
-- rows in one INSERT … SELECT and sends one notification.
--
-- Payload (JSON, well under 8 kB): {"table": "sales_order_line", "op": "U", "first_seq": 10,
-- "last_seq": 12, "count": 3, "ids": [..], "order_ids": [..]} where ids are the changed rows in
-- seq order and order_ids the order of each (null for tables without one). When a statement
-- touches more than 100 rows, both lists are omitted and the reader catches up from change_log.

-- Announce a statement's changes (no-op when it changed nothing).
CREATE FUNCTION op_announce(tbl text, op char, first_seq bigint, last_seq bigint, n bigint,
                            ids bigint[], order_ids bigint[]) RETURNS void
LANGUAGE sql AS $$
    SELECT pg_notify('orderpilot_changes', json_strip_nulls(json_build_object(
        'table', tbl, 'op', op, 'first_seq', first_seq, 'last_seq', last_seq, 'count', n,
        'ids', CASE WHEN n <= 100 THEN ids END,
        'order_ids', CASE WHEN n <= 100 THEN order_ids END))::text)
    WHERE n > 0
$$;

-- Watch a table: a feed function written for its columns (no per-row JSON), and three
-- statement triggers (transition tables allow one event each).
CREATE FUNCTION op_watch_table(tbl regclass, order_column text) RETURNS void
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
    fn text := 'op_feed_' || tbl::text;
    order_expr text := CASE WHEN order_column IS NULL THEN 'NULL::bigint' ELSE 'r.' || quote_ident(order_column) END;
    body text;
BEGIN
    body := $body$
        DECLARE
            op char(1) := left(TG_OP, 1);
            s record;
        BEGIN
            IF TG_OP = 'DELETE' THEN
                WITH logged AS (
                    INSERT INTO change_log (table_name, row_id, operation, order_id)
                    SELECT %1$L, r.id, op, %2$s FROM old_rows r ORDER BY r.id
                    RETURNING seq, row_id, order_id)
                SELECT min(seq) AS first_seq, max(seq) AS last_seq, count(*) AS n,
                       array_agg(row_id ORDER BY seq) AS ids, array_agg(order_id ORDER BY seq) AS order_ids
                INTO s FROM logged;
            ELSE
                WITH logged AS (
                    INSERT INTO change_log (table_name, row_id, operation, order_id)
                    SELECT %1$L, r.id, op, %2$s FROM new_rows r ORDER BY r.id
                    RETURNING seq, row_id, order_id)
                SELECT min(seq) AS first_seq, max(seq) AS last_seq, count(*) AS n,
                       array_agg(row_id ORDER BY seq) AS ids, array_agg(order_id ORDER BY seq) AS order_ids
                INTO s FROM logged;
            END IF;
            PERFORM op_announce(%1$L, op, s.first_seq, s.last_seq, s.n, s.ids, s.order_ids);
            RETURN NULL;
        END
    $body$;
    EXECUTE format('CREATE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER '
                   'SET search_path = public, pg_temp AS %L', fn, format(body, tbl::text, order_expr));
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', tbl::text || '_feed_insert', tbl, fn);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %s REFERENCING NEW TABLE AS new_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', tbl::text || '_feed_update', tbl, fn);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows '
                   'FOR EACH STATEMENT EXECUTE FUNCTION %I()', tbl::text || '_feed_delete', tbl, fn);
END
$$;

SELECT op_watch_table('sales_order', 'id');
SELECT op_watch_table('sales_order_line', 'order_id');
SELECT op_watch_table('approval_request', 'order_id');
SELECT op_watch_table('approval_decision', 'order_id');
SELECT op_watch_table('stock_level', NULL);
SELECT op_watch_table('production_order', 'sales_order_id');
SELECT op_watch_table('production_operation', NULL);
SELECT op_watch_table('shipment', 'order_id');
SELECT op_watch_table('notification', 'order_id');
SELECT op_watch_table('deviation_alert', 'sales_order_id');

-- How far the log has been pruned: a reader whose position is below pruned_through may have
-- missed changes for good and reloads instead of guessing.
CREATE TABLE change_log_pruned (
    id              boolean PRIMARY KEY DEFAULT true CHECK (id),
    pruned_through  bigint NOT NULL DEFAULT 0,
    pruned_at       timestamptz
);
INSERT INTO change_log_pruned DEFAULT VALUES;
COMMENT ON TABLE change_log_pruned IS 'One row: the highest change_log.seq deleted by pruning so far.';

-- Prune the log by age. Any client or admin command may call it; an advisory lock makes
-- concurrent callers skip instead of deleting the same rows twice; callers other than an
-- administrator always keep at least a day. Returns rows deleted,
-- or -1 when another session is already pruning.
CREATE FUNCTION op_prune_change_log(keep interval DEFAULT interval '7 days') RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    deleted bigint;
    highest bigint;
BEGIN
    -- Other clients catch up from this log: only an administrator may keep less than a day.
    IF keep < interval '1 day' AND NOT pg_has_role(session_user, 'op_admin', 'MEMBER') THEN
        keep := interval '1 day';
    END IF;
    IF NOT pg_try_advisory_xact_lock(hashtext('orderpilot.prune_change_log')) THEN
        RETURN -1;
    END IF;
    PERFORM set_config('orderpilot.pruning', 'on', true);
    WITH gone AS (DELETE FROM change_log WHERE changed_at < now() - keep RETURNING seq)
    SELECT count(*), max(seq) INTO deleted, highest FROM gone;
    IF highest IS NOT NULL THEN
        UPDATE change_log_pruned SET pruned_through = greatest(pruned_through, highest), pruned_at = now();
    END IF;
    PERFORM set_config('orderpilot.pruning', 'off', true);
    RETURN deleted;
END
$$;
