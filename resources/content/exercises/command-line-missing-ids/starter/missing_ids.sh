#!/usr/bin/env bash
# Which customers of the scoring export have no row in the feature table?
# A first try from the notebook's terminal; see README.md for what it must do.
cut -d, -f1 data/scoring.csv | grep -v -f <(cut -d, -f1 data/features.csv)
