from kymppi.office import bp  # noqa: F401
