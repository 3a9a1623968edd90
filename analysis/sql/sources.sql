-- The data behind a report, per source and kind and in total (source NULL): rows, ML rows, described ML postings
-- (the only ones a skill share counts), each with its dated span (what a role or skill verdict speaks for), the dated span (posted_month for postings; a survey dates its answers
-- by pay year only), undated postings (left out of every trend), the rows per country (most first), and ML pay:
-- rows with usable pay, and those a guide band can judge — in country $market, stated per year in $currency.
WITH r AS (
    SELECT source, kind, is_ml, described, posted_month, pay_year,
           coalesce(country, 'unknown') AS country,
           is_ml AND pay_usd IS NOT NULL AS paid,
           is_ml AND pay_usd IS NOT NULL AND coalesce(country = $market, false)
               AND salary_currency = $currency AND salary_period = 'year' AS market_paid
    FROM rows($since, $until, $source, $role, $country, $remote)
),
per_country AS (
    SELECT source, kind, country, count(*) AS n
    FROM r
    GROUP BY GROUPING SETS ((source, kind, country), (country))
),
countries AS (
    SELECT source, kind, list({'country': country, 'rows': n} ORDER BY n DESC, country) AS countries
    FROM per_country
    GROUP BY ALL
)
SELECT t.*, c.countries
FROM (
    SELECT source, kind,
           count(*) AS rows,
           count(*) FILTER (WHERE is_ml) AS ml_rows,
           count(*) FILTER (WHERE kind = 'posting' AND is_ml) AS ml_postings,
           min(posted_month) FILTER (WHERE kind = 'posting' AND is_ml) AS ml_postings_first,
           max(posted_month) FILTER (WHERE kind = 'posting' AND is_ml) AS ml_postings_last,
           count(*) FILTER (WHERE kind = 'posting' AND is_ml AND described) AS described_ml,
           min(posted_month) FILTER (WHERE kind = 'posting' AND is_ml AND described) AS described_ml_first,
           max(posted_month) FILTER (WHERE kind = 'posting' AND is_ml AND described) AS described_ml_last,
           count(*) FILTER (WHERE kind = 'posting' AND posted_month IS NULL) AS undated,
           min(posted_month) AS first_month,
           max(posted_month) AS last_month,
           count(DISTINCT posted_month) AS months,
           min(pay_year) FILTER (WHERE kind = 'survey') AS first_year,
           max(pay_year) FILTER (WHERE kind = 'survey') AS last_year,
           count(*) FILTER (WHERE paid) AS paid,
           count(*) FILTER (WHERE market_paid) AS market_paid
    FROM r
    GROUP BY GROUPING SETS ((source, kind), ())
) AS t
JOIN countries AS c ON c.source IS NOT DISTINCT FROM t.source AND c.kind IS NOT DISTINCT FROM t.kind
ORDER BY t.source IS NULL, t.rows DESC, t.source, t.kind
