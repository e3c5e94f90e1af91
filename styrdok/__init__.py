"""styrdok: a bilingual library of municipal governing documents.

The package holds every piece of logic (loading, validation, review dates,
responsibility views, rendering to Markdown). It never imports MkDocs, so it
can be tested alone and could feed another site generator.
"""

__version__ = "0.1.0"
