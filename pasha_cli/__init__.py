"""pasha: posts as code for Rakuten Pasha official accounts."""

__version__ = "0.1.0"
