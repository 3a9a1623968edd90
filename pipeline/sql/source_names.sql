-- Every source the database holds a posting of, for the message naming them when --source names none of them.
SELECT DISTINCT source FROM raw_postings ORDER BY source
