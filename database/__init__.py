"""The database's shape: schema, indicator definitions, installing and refreshing them, versioned publishing."""
