"""Building, training and evaluating scorer models; depends on :mod:`scorer`, never the reverse."""
