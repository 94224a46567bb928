"""Train the churn model: python train.py"""

from churn.data.loaders import load_customers
from churn.models.train import fit

if __name__ == "__main__":
    fit(load_customers("data/raw/customers.csv"), out="models/churn.pkl")
