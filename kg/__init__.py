"""kg: a knowledge-graph builder for Chinese news articles.

Stages, each a module: ingest -> mentions -> entities -> relations -> graph -> outputs.
"""
__version__ = "0.1.0"
