"""IR -> source files: models through datamodel-code-generator, the rest through jinja2."""
