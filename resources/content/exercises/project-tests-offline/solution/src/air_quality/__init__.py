"""Air-quality readings from the city's sensor API, and the features the forecast model uses."""
