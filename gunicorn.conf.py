"""gunicorn's settings for the site: read from the directory gunicorn starts in (`gunicorn network.wsgi`).

The master imports the application (Django, Wagtail and the URL configuration: ``network.wsgi``)
before it forks the workers, which then share those pages with it and with one another instead
of each holding its own copy. A deployment of new code therefore restarts gunicorn: a HUP reloads
the workers from the master's copy, which is the old code.
"""

import gc

preload_app = True


def pre_fork(server: object, worker: object) -> None:
    """Leave what the master imported out of the workers' garbage collections: a collection
    writes to every object it visits, and a page a worker writes to is a page it no longer
    shares (Python's documentation of ``gc.freeze``)."""
    gc.freeze()
