"""Garbage-collector set-up for a long-running server process."""

import gc


def freeze_startup_heap() -> int:
    """Collect once, then move every object alive now into the collector's permanent generation.

    What start-up loaded (modules, models, schemas, templates, the MJML engine) lives as long as the
    process. Left in the heap, every full collection walked it again: ~210,000 objects, a ~110 ms pause
    of the worker, enough to put a request that happened to trigger it far over its budget (the
    download's target is 50 ms). Frozen, a full collection scans only what requests created.
    Returns how many objects were frozen.
    """
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()
