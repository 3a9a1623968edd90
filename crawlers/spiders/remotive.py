"""Remotive: every listed remote job in one request (delayed 24 h by Remotive).

Their terms: about 4 requests a day (REMOTIVE_MAX_REQUESTS), link back and name Remotive.
"""

from mljobs.crawlers.base import JsonApiSpider
from mljobs.crawlers.fields import const, text


class RemotiveSpider(JsonApiSpider):
    name = "remotive"
    path = "/api/remote-jobs"
    attribution = "Remotive (https://remotive.com)"
    fields = {
        "native_id": text("id"),
        "url": "url",
        "title": "title",
        "company": "company_name",
        "location": "candidate_required_location",
        "remote": const(True),
        "posted_at": "publication_date",
        "description": "description",
        "salary": "salary",
    }
