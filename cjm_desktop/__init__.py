"""cjm-desktop: offline customer journey mapping for workshops."""

__version__ = "0.1.0"
