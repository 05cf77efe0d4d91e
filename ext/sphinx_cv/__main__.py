"""``python -m sphinx_cv``: see :mod:`sphinx_cv.cli`."""

import sys

from .cli import main

sys.exit(main())
