"""Start the dashboard: `streamlit run app.py` with Streamlit's legacy `pages/` scan switched off.

With a `pages/` folder beside app.py, Streamlit runs the very first script run of the server
process in its old multipage mode, which does not know the `st.navigation` URLs: a first visit
to a deep link (`/ket-nap?nam=2022`) then shows a "Page not found" dialog. app.py registers every
page with `st.navigation`, so the legacy scan is never wanted; this launcher says so up front.
"""

from __future__ import annotations

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", "app.py", *argv]
    sys.exit(cli.main())


if __name__ == "__main__":
    main(sys.argv[1:])
