"""sicheck: screen applications for social investment funds against a funder's criteria."""

__version__ = "0.1.0"
