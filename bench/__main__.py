"""``python -m bench``: run every benchmark, print a table, write bench/results/latest.json."""

import sys

from bench.run import main

sys.exit(main())
