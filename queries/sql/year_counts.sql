-- The rows of year_units.sql (every year loaded: $year NULL) counted per year: how many units of the selection
-- were expected to report each year and how many have. Counted here rather than in pandas: a country's 60,000
-- unit-years would take four times as long to reach a frame.
SELECT year, count(*) AS expected, count_if(reported) AS reported
FROM ({year_units}
)
GROUP BY year
ORDER BY year
