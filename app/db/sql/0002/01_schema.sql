-- Schema changes collected for production execution, alerts and the orders list (revision 0002).

-- The orders list sorts by total (keyset windows on (total_amount, id)).
CREATE INDEX sales_order_total_idx ON sales_order (total_amount, id);

-- When a purchase for a shortage arrives: the scheduler starts no work before the material is in.
ALTER TABLE material_demand ADD COLUMN expected_at timestamptz;
COMMENT ON COLUMN material_demand.expected_at IS
    'When the missing quantity is expected (set by the buyer when ordering); NULL: the supplier''s lead time after the demand was recorded.';
CREATE INDEX material_demand_production_order_idx ON material_demand (production_order_id);

-- Who moved or reported an operation last, and when (set by trigger; the board and timeline show it).
ALTER TABLE production_operation
    ADD COLUMN updated_by text NOT NULL DEFAULT session_user,
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- Finished goods posted to stock (by op_post_production, once per production order).
ALTER TABLE production_order
    ADD COLUMN received_qty numeric(14,3) NOT NULL DEFAULT 0 CHECK (received_qty >= 0),
    ADD COLUMN received_at timestamptz;
COMMENT ON COLUMN production_order.received_at IS
    'When the output was received into stock and the reserved components consumed; NULL until then.';

-- Reported progress stays plausible (the guard trigger says so in words first). Rows written
-- before these rules are made consistent first: the status follows the actual times.
UPDATE production_operation SET actual_start = least(planned_start, actual_end)
WHERE actual_start IS NULL AND actual_end IS NOT NULL;
UPDATE production_operation SET actual_start = least(coalesce(planned_start, now()), now())
WHERE actual_start IS NULL AND status IN ('in_progress', 'done');
UPDATE production_operation SET actual_end = greatest(coalesce(planned_end, actual_start), actual_start)
WHERE actual_end IS NULL AND status = 'done';
UPDATE production_operation SET status = CASE WHEN actual_end IS NOT NULL THEN 'done' ELSE 'in_progress' END
WHERE actual_start IS NOT NULL AND (status IN ('pending', 'scheduled') OR (status = 'in_progress') = (actual_end IS NOT NULL));
ALTER TABLE production_operation
    ADD CONSTRAINT operation_finish_needs_start CHECK (actual_end IS NULL OR actual_start IS NOT NULL),
    ADD CONSTRAINT operation_status_matches_times CHECK (
        CASE status
            WHEN 'done' THEN actual_start IS NOT NULL AND actual_end IS NOT NULL
            WHEN 'in_progress' THEN actual_start IS NOT NULL AND actual_end IS NULL
            ELSE actual_start IS NULL AND actual_end IS NULL
        END);

-- The plant's settings: one row. time_zone is the plant's wall clock for shifts and days off;
-- NULL means the database server's TimeZone setting.
CREATE TABLE plant_setting (
    id          boolean PRIMARY KEY DEFAULT true CHECK (id),
    time_zone   text,
    updated_by  text NOT NULL DEFAULT session_user,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO plant_setting DEFAULT VALUES;
COMMENT ON TABLE plant_setting IS 'One row of plant-wide settings (time zone of shifts and days off).';
COMMENT ON COLUMN plant_setting.time_zone IS
    'IANA time zone name of the plant, e.g. Asia/Shanghai; NULL: the server''s TimeZone setting.';

-- An open deviation alert of a kind exists once per subject: the operation (behind_plan), the
-- production order (late_against_promise, material_short) or the line (line_overloaded).
-- Raisers upsert with ON CONFLICT (kind, subject_id) WHERE resolved_at IS NULL.
ALTER TABLE deviation_alert ADD COLUMN subject_id bigint GENERATED ALWAYS AS (
    CASE kind
        WHEN 'behind_plan' THEN production_operation_id
        WHEN 'line_overloaded' THEN production_line_id
        ELSE production_order_id
    END) STORED;
COMMENT ON COLUMN deviation_alert.subject_id IS
    'What the alert is about: the operation (behind_plan), the line (line_overloaded), else the production order.';
-- Older duplicates (raised before this guard existed) are resolved; the newest stays open.
UPDATE deviation_alert a SET resolved_at = now()
WHERE a.resolved_at IS NULL AND EXISTS (
    SELECT 1 FROM deviation_alert b
    WHERE b.resolved_at IS NULL AND b.kind = a.kind AND b.subject_id = a.subject_id AND b.id > a.id);
CREATE UNIQUE INDEX deviation_alert_open_once_idx ON deviation_alert (kind, subject_id) WHERE resolved_at IS NULL;
-- The order timeline reads alerts by sales order.
CREATE INDEX deviation_alert_sales_order_idx ON deviation_alert (sales_order_id, raised_at);
