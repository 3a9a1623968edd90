"""Scrapy settings for mljobs: constants only. Override any of them with `-s KEY=VALUE`.

Each source's API root is `<SOURCE>_BASE_URL`, its default the `api` declared in crawlers/sources.toml (e.g.
`-s GREENHOUSE_BASE_URL=http://127.0.0.1:8000` overrides it); the paths below it are the real API's paths, so a
local server replaying saved responses can stand in for the internet (analysis/replay.py).
"""

from mljobs.crawlers.sources import base_url_settings

BOT_NAME = "mljobs"
SPIDER_MODULES = ["mljobs.crawlers.spiders"]
NEWSPIDER_MODULE = "mljobs.crawlers.spiders"

# --- API roots (the DESIGN contract): GREENHOUSE_BASE_URL = "https://boards-api.greenhouse.io", ... ------------
globals().update(base_url_settings())

# --- Politeness ----------------------------------------------------------------------------------------
USER_AGENT = "mljobs/0.1 (+https://github.com/mljobs/mljobs)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# Per crawler, i.e. per source, and each source is one API host: keeping the total at the per-host figure
# keeps the downloader queue short, so a tripped circuit breaker leaves few requests already queued.
CONCURRENT_REQUESTS = 2
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_TIMEOUT = 30
# The largest real board seen (a few hundred jobs with content=true) is a few MB; anything past this is
# not a job board answer.
DOWNLOAD_MAXSIZE = 64 * 1024 * 1024
DOWNLOAD_WARNSIZE = 16 * 1024 * 1024

# Per-source request caps, where the source asks for few requests or pages forever.
REMOTIVE_MAX_REQUESTS = 4        # Remotive's terms: about 4 requests a day
THEMUSE_MAX_REQUESTS = 100       # The Muse: 500 requests/hour without a key
HIMALAYAS_MAX_REQUESTS = 50      # 20 jobs a page over ~95k jobs: the newest 1,000 are enough per run
ARBEITNOW_MAX_REQUESTS = 50
SMARTRECRUITERS_MAX_REQUESTS = 2000  # 1 list + 1 detail per posting
# Pages per board for every paging source: JsonApiSpider.max_pages (or a spider's own) unless set, for all
# sources with MLJOBS_MAX_PAGES=N or for one with <SOURCE>_MAX_PAGES=N (e.g. LEVER_MAX_PAGES). A board
# stopped there is counted as "page_cap"; one whose next page lists nothing new as "no_progress".

# Page sizes where the source pages.
LEVER_PAGE_SIZE = 100
SMARTRECRUITERS_PAGE_SIZE = 100  # the API's maximum
HIMALAYAS_PAGE_SIZE = 20         # the API's maximum
JOBICY_COUNT = 100
THEMUSE_CATEGORIES = ["Data and Analytics", "Data Science", "Software Engineering"]

# What hn and jsonld read; the spider arguments (-a since=..., -a sitemap=...) override these.
HN_SINCE = None                  # "YYYY-MM": the oldest thread month (default: 11 months before HN_UNTIL)
HN_UNTIL = None                  # "YYYY-MM" (default: the current month)
HN_THREADS = None                # thread ids, comma-separated: crawl exactly these, no discovery
HN_REFETCH = False               # fetch months an earlier ended run already read whole (crawlers/hn_history.py)
HN_PROGRESS = False              # one line per thread on stderr (mljobs crawl hn --since sets it)
JSONLD_START_URLS = None         # careers pages carrying JobPosting JSON-LD, comma-separated
JSONLD_SITEMAPS = None           # sitemap or sitemap-index URLs; only the sitemap's own site is read
JSONLD_ALLOW = None              # regex that page URLs from sitemaps must match

# --- Retries: back-off on 429/5xx, honouring Retry-After (crawlers.middlewares.BackoffRetryMiddleware) -----
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
RETRY_BACKOFF_BASE = 1.0         # seconds; doubles each attempt
RETRY_BACKOFF_MAX = 60.0
RETRY_AFTER_MAX = 300.0          # never wait longer than this, whatever Retry-After says
RETRY_GIVE_UP_LOG_LEVEL = "WARNING"

# A source failing this many requests in a row (after retries) is stopped and reported; the others go on.
CIRCUIT_BREAKER_ERRORS = 5

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "mljobs.crawlers.middlewares.BackoffRetryMiddleware": 550,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "mljobs.crawlers.middlewares.BoundedDecompressionMiddleware": 590,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "mljobs.crawlers.middlewares.OnSiteRedirectMiddleware": 600,
    "mljobs.crawlers.middlewares.SourceGateMiddleware": 90,
    # Next to the downloader: notes what failed where, for the one-line "why" of a source that got nothing.
    "mljobs.crawlers.outcomes.FailureDetailMiddleware": 950,
}
ITEM_PIPELINES = {
    "mljobs.crawlers.feed.FeedWriter": 500,
}
# No listening ports: neither the telnet console nor Scrapy 2.19's remote-control HTTP server.
EXTENSIONS = {
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
    "mljobs.crawlers.summary.RunSummaryExtension": 500,
}

# --- Where the run goes (set by crawlers.run; `scrapy crawl` alone uses the default data dir) -------------
MLJOBS_DATA_DIR = None           # <data_dir>/feeds/<run_id>.jsonl and <run_id>.run.json
MLJOBS_RUN_ID = None             # generated when unset: "20261128T031500Z-ab12"
MLJOBS_BOARDS_FILE = None        # a user's own boards TOML, instead of the boards in crawlers/sources.toml

# --- Distributed crawl (crawlers/frontier.py; `mljobs crawl --frontier redis://host:6379/0` sets the rest) -------
MLJOBS_FRONTIER = None           # the Redis URL workers share; None: a plain single-process crawl
MLJOBS_FRONTIER_PREFIX = "mljobs"  # Redis key prefix: two crawls sharing one Redis need two prefixes
MLJOBS_FRONTIER_TTL = 15.0       # seconds without a heartbeat before a worker is dead and its requests go back
MLJOBS_FRONTIER_POLL = 0.5       # seconds between heartbeats, recovery checks and looks at the shared queue

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
