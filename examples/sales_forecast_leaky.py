"""Next-day sales from lag features, evaluated on a shuffled split."""
import pandas as pd
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import train_test_split

sales = pd.read_csv("daily_sales.csv", parse_dates=["date"]).sort_values("date")
for lag in (1, 7, 28):
    sales[f"lag_{lag}"] = sales["units"].shift(lag)
sales["mean_7"] = sales["units"].rolling(7).mean()
sales["target"] = sales["units"].shift(-1)
sales = sales.dropna()

X = sales[["lag_1", "lag_7", "lag_28", "mean_7"]]
X_train, X_test, y_train, y_test = train_test_split(X, sales["target"], test_size=0.2, random_state=0)

model = GradientBoostingRegressor(random_state=0).fit(X_train, y_train)
print("MAE:", mean_absolute_error(y_test, model.predict(X_test)))
