"""pytest plugins of this project's test suite."""
