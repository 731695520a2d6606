-- When data was last loaded and whether it is sample data, over the submissions the reader may
-- see (scoped_units); no row at all when there is none.
SELECT max(m.loaded_at) AS last_load, coalesce(bool_or(m.is_sample), false) AS any_sample
FROM submissions m
JOIN scoped_units($boundary, $allowed) v ON v.unit_id = m.unit_id
HAVING count(*) > 0
