SELECT DISTINCT year FROM submissions
WHERE $allowed IS NULL OR list_contains($allowed, unit_id)
ORDER BY year
