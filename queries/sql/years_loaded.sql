SELECT DISTINCT year FROM submissions ORDER BY year
