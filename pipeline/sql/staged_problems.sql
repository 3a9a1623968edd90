-- Lines of the staged chunk that were skipped (reason) or kept with a value dropped (warning).
SELECT line_no, coalesce(reason, warning) AS problem
FROM staged
WHERE reason IS NOT NULL OR warning IS NOT NULL
ORDER BY line_no
