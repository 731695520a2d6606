"""`python -m etl …`, the documented command line (the commands live in `cli`)."""

from cli import main

raise SystemExit(main())
