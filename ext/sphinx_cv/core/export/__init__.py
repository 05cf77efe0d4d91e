"""The CV in other formats: what the directives recorded, as JSON Resume or RenderCV data.

Sphinx-free like the rest of :mod:`sphinx_cv.core`: the builders in
:mod:`sphinx_cv.builders` gather a :class:`~.record.CV` (the profile and the
timelines of every document, in toctree order) and hand it to
:func:`~.jsonresume.to_json_resume` or :func:`~.rendercv.to_rendercv`, which
return the data and the :class:`~.record.Loss` es: what the target format
cannot hold.
"""
