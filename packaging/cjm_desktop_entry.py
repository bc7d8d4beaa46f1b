"""Entry point of the bundled app: the same command line as the installed `cjm-desktop`."""

import sys

from cjm_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
