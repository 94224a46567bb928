"""Load, clean and summarise the customer extract for the churn analysis.

TODO: move Customer and the functions from churn_analysis.ipynb here (see README.md).
"""
