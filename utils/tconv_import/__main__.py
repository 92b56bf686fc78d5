"""python3 -m tconv_import (with utils/ on PYTHONPATH) is tconv-import."""
import sys

from .cli import main

sys.exit(main())
