SELECT max(loaded_at) AS last_load, coalesce(bool_or(is_sample), false) AS any_sample,
       coalesce(bool_and(is_sample), false) AS all_sample, count(*) AS submissions
FROM submissions
WHERE $allowed IS NULL OR list_contains($allowed, unit_id)
