"""Which red flags one process raises, by the same rules the indicators count them with.

``contracting.indicators`` counts, per period, the processes that raise R018 (single bid) and
R003 (short submission period); the process page names the flags of one process. Both read
the same columns with the same conditions, so that a process the page flags is one the
indicator counts, and the other way round.
"""

from contracting.definitions import INDICATORS, Indicator
from contracting.indicators import COMPETITIVE, short_submission_thresholds
from contracting.models.data import Process

CANCELLED = "cancelled"


def raises_single_bid(process: Process) -> bool:
    """R018: an open or selective process, not cancelled, that received exactly one bid."""
    return process.method in COMPETITIVE and process.status != CANCELLED and process.number_of_tenderers == 1


def raises_short_submission(process: Process) -> bool:
    """R003: a process, not cancelled, whose tender period lasted fewer whole days than the
    threshold for its method details (the dataset's setting, else the default; a method the
    dataset leaves out is never flagged)."""
    if process.status == CANCELLED or process.submission_days is None:
        return False
    default, per_details = short_submission_thresholds(process.dataset)
    threshold = per_details.get(process.method_details, default)
    return threshold is not None and process.submission_days < threshold


FLAG_RULES = {"single_bid": raises_single_bid, "short_submission": raises_short_submission}


def process_flags(process: Process) -> list[Indicator]:
    """The red-flag indicators the process raises, in the order the methodology defines them."""
    return [INDICATORS[code] for code, raises in FLAG_RULES.items() if raises(process)]
