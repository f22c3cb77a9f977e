"""Keep sphinx-gallery's garbage collection between examples cheap.

sphinx-gallery calls ``gc.collect()`` before every example. With torch, transformers,
matplotlib and Sphinx loaded, a full collection walks millions of long-lived objects
(about 0.2 s each time, a sixth of a cold build). ``freeze_survivors``, a
``reset_modules`` hook (``conf.py``), collects the previous example's garbage and then
moves everything still alive into the permanent generation (``gc.freeze``), so that the
next collections only look at what the coming example creates.
"""

import gc


def freeze_survivors(gallery_conf, fname, when):
    if when == "before":
        gc.collect()  # the previous example's cycles: they must not be frozen
        gc.freeze()
