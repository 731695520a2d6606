-- The units the filter offers under a boundary: those with data (display_units.sql, every year), and the display
-- units expected to report (year_units.sql, every year loaded) that have sent nothing yet, with the years they are
-- awaited for (first_awaited, last_awaited; NULL for the others, whose first_year, last_year are NULL for them): a
-- unit yet to send its first report can be chosen, and the committee sees who is missing.
WITH shown AS ({display_units}
),
expected AS ({year_units}
)
SELECT display_id, display_code, display_rank, display_label, first_year, last_year,
       NULL::INTEGER AS first_awaited, NULL::INTEGER AS last_awaited
FROM shown
UNION ALL
SELECT display_id, display_code, display_rank, display_label, NULL, NULL, min(year), max(year)
FROM expected
WHERE display_id NOT IN (SELECT display_id FROM shown)
GROUP BY display_id, display_code, display_rank, display_label
ORDER BY display_rank, display_code, display_id
