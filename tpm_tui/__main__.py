"""`python -m tpm_tui` runs the same command line as the `tpm-tui` script."""

import sys

from tpm_tui.cli import main

sys.exit(main())
