"""The spiders, one a source: crawlers/spiders/<name>.py for a source whose spider needs code; the spiders of
the sources declared whole in crawlers/sources.toml are made here, so Scrapy's loader finds every one in this
package."""

import pkgutil

from mljobs.crawlers.declared import spiders

globals().update(spiders(__name__, {module.name for module in pkgutil.iter_modules(__path__)}))
