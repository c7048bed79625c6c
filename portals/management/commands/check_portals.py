import asyncio
import sys

from django.core.management.base import BaseCommand, CommandParser

from tqdm import tqdm

from network.cache import new_content_generation
from portals.link_check import CheckOptions, LinkCheckResult, check_urls
from portals.models import Portal

RESULT_FIELDS = ["link_checked_at", "link_status_code", "link_final_url", "link_response_ms", "link_error"]


class Command(BaseCommand):
    help = (
        "Fetch every portal's address and record its HTTP status, final address, response time "
        "and any error, for the portal directory and the admin's list of broken links."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        defaults = CheckOptions()
        parser.add_argument("--concurrency", type=int, default=defaults.concurrency)
        parser.add_argument("--timeout", type=float, default=defaults.timeout, help="Seconds per attempt.")
        parser.add_argument("--retries", type=int, default=defaults.retries)
        parser.add_argument("--retry-delay", type=float, default=defaults.retry_delay)
        parser.add_argument("--max-bytes", type=int, default=defaults.max_bytes)

    def handle(self, *args, **options) -> None:
        check_options = CheckOptions(
            timeout=options["timeout"],
            retries=options["retries"],
            retry_delay=options["retry_delay"],
            concurrency=max(1, options["concurrency"]),
            max_bytes=options["max_bytes"],
        )
        portals = list(Portal.objects.order_by("pk"))
        results = self.check(portals, check_options, show_progress=options["verbosity"] > 0)
        for portal in portals:
            record(portal, results[portal.url])
        Portal.objects.bulk_update(portals, RESULT_FIELDS)
        # bulk_update sends no post_save: tell the page cache the directory has changed.
        new_content_generation()
        self.report(portals)

    def check(
        self, portals: list[Portal], options: CheckOptions, show_progress: bool
    ) -> dict[str, LinkCheckResult]:
        urls = [portal.url for portal in portals]
        with tqdm(
            total=len(set(urls)), unit="url", desc="check_portals", file=sys.stderr, disable=not show_progress
        ) as progress:
            return asyncio.run(check_urls(urls, options, on_result=lambda result: progress.update()))

    def report(self, portals: list[Portal]) -> None:
        broken = [portal for portal in portals if portal.link_is_broken]
        for portal in broken:
            problem = portal.get_link_error_display() or portal.link_status_code
            self.stdout.write(f"{portal.url}: {problem}")
        summary = (
            f"Checked {len(portals)} portals: {len(portals) - len(broken)} answered, {len(broken)} broken."
        )
        self.stdout.write(self.style.WARNING(summary) if broken else self.style.SUCCESS(summary))


def record(portal: Portal, result: LinkCheckResult) -> None:
    portal.link_checked_at = result.checked_at
    portal.link_status_code = result.status_code
    portal.link_final_url = result.final_url
    portal.link_response_ms = result.response_ms
    portal.link_error = result.error
