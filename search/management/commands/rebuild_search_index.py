from django.core.management.base import BaseCommand

from tqdm import tqdm

from network.cache import new_content_generation
from search import indexing
from search.backends import get_search_engine


class Command(BaseCommand):
    help = "Empty the public search index and index every public page and document again."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="Do not show the progress bar.")

    def handle(self, *args, no_progress: bool = False, **options) -> None:
        engine = get_search_engine()
        total = indexing.source_count()
        disable = no_progress or options["verbosity"] == 0
        with tqdm(total=total, unit="item", desc="Indexing", disable=disable, file=self.stderr) as bar:
            entries = indexing.rebuild(progress=bar.update)
        new_content_generation()
        self.stdout.write(f"{engine.name}: {entries} entries for {total} pages and documents.")
