"""The example corpus: short articles written for crosscheck, in its own words."""
