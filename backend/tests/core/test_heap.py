"""Start-up objects are frozen, so a full garbage collection never walks them during a request."""

import gc


async def test_objects_loaded_at_start_up_are_frozen(app: object):
    # Modules, models, templates and the MJML engine: ~200,000 objects whose full collection paused a
    # worker for ~110 ms. The app fixture has run the start-up, so they must be frozen by now.
    assert gc.get_freeze_count() > 50_000
