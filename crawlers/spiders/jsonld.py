"""Any careers page or sitemap whose pages carry schema.org JobPosting JSON-LD.

    scrapy crawl jsonld -a start_urls=https://example.com/careers/ml-engineer,https://...
    scrapy crawl jsonld -a sitemap=https://example.com/sitemap.xml -a allow=/jobs/
"""

from mljobs.crawlers.jsonld_base import JsonLdSpider


class JsonLdPagesSpider(JsonLdSpider):
    name = "jsonld"
