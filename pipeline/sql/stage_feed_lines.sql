-- Stage the typed feed lines (type_feed_lines.sql) for stage_newest.sql and merge_staged.sql.
CREATE OR REPLACE TEMP TABLE staged AS
SELECT * FROM typed_lines
