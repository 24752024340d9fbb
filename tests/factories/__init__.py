"""Factories shared by the tests and by `manage.py load_demo`."""
