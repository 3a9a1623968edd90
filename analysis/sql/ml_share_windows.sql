-- The ML share of all dated postings in the first and in the last $window months of the filtered postings'
-- dated span: how many postings, and how many of them ML, on each side.
WITH p AS (
    SELECT posted_month, is_ml FROM postings($since, $until, $source, $role, $country, $remote)
    WHERE posted_month IS NOT NULL
),
span AS (SELECT min(posted_month) AS first, max(posted_month) AS last FROM p)
SELECT any_value(span.first) AS first, any_value(span.last) AS last,
       count(*) FILTER (WHERE posted_month < span.first + to_months($window)) AS early_n,
       count(*) FILTER (WHERE posted_month < span.first + to_months($window) AND is_ml) AS early_ml,
       count(*) FILTER (WHERE posted_month > span.last - to_months($window)) AS late_n,
       count(*) FILTER (WHERE posted_month > span.last - to_months($window) AND is_ml) AS late_ml
FROM p, span
