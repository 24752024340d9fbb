"""Models of the assignments app."""
