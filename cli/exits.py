"""The command line's exit codes."""

import signal

EXIT_OK, EXIT_REJECTED, EXIT_USAGE, EXIT_FAILED = 0, 1, 2, 3
EXIT_OUTPUT_CLOSED = 128 + signal.SIGPIPE  # 141: a Unix tool whose reader went away (`… | head`)
