"""Customer churn model: a typical first attempt, with three leaks."""
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

customers = pd.read_csv("data/customers.csv")
customers["tenure_months"] = customers["tenure_months"].fillna(customers["tenure_months"].median())

features = customers.drop(columns=["churned", "customer_id"])
target = customers["churned"]

scaler = StandardScaler()
features_scaled = scaler.fit_transform(features)
X_train, X_test, y_train, y_test = train_test_split(features_scaled, target, test_size=0.2, stratify=target)

candidates = {
    "logistic": LogisticRegression(max_iter=1000),
    "forest": RandomForestClassifier(n_estimators=300),
    "boosting": GradientBoostingClassifier(),
}
auc_by_model = {}
for name, model in candidates.items():
    model.fit(X_train, y_train)
    auc_by_model[name] = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])

best_name = max(auc_by_model, key=auc_by_model.get)
print(f"best model: {best_name}, test AUC {auc_by_model[best_name]:.3f}")
bootstrap = np.random.choice(len(y_test), size=len(y_test))
