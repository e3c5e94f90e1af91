"""MkDocs glue: keep the root 404 page in the default language (the rule
is in stack_adapter.root_404_in_default_language)."""

from __future__ import annotations

import stack_adapter
from mkdocs.config.defaults import MkDocsConfig


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return stack_adapter.root_404_in_default_language(output_content, template_name, config)
