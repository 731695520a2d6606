"""Loading: checked submissions into a new published database version, archived and backed up."""
