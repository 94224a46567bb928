"""Daily demand forecasting for the shop's warehouses."""
