"""`python -m sitebuild SITE_DIR`: the checker's build steps, for builders without hooks."""

import sys

from sitebuild.assemble import main

sys.exit(main())
