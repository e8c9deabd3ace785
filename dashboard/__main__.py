"""``python -m dashboard <verb>``: the command line (``dashboard.cli``)."""

import sys

from dashboard.cli import main

if __name__ == "__main__":
    sys.exit(main())
