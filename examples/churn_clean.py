"""Customer churn model, done right: split first, choose on validation, test once."""
import numpy as np
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 42
np.random.seed(SEED)

customers = pd.read_csv("data/customers.csv")
features = customers.drop(columns=["churned", "customer_id"])
target = customers["churned"]

X_train, X_test, y_train, y_test = train_test_split(features, target, test_size=0.2, stratify=target, random_state=SEED)
X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, test_size=0.2, stratify=y_train, random_state=SEED)

candidates = {
    "logistic": LogisticRegression(max_iter=1000),
    "forest": RandomForestClassifier(n_estimators=300, random_state=SEED),
    "boosting": GradientBoostingClassifier(random_state=SEED),
}
auc_by_model = {}
for name, model in candidates.items():
    pipeline = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), model)
    pipeline.fit(X_tr, y_tr)
    auc_by_model[name] = roc_auc_score(y_val, pipeline.predict_proba(X_val)[:, 1])

best_name = max(auc_by_model, key=auc_by_model.get)
final = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), candidates[best_name])
final.fit(X_train, y_train)
print(f"{best_name}: test AUC {roc_auc_score(y_test, final.predict_proba(X_test)[:, 1]):.3f}")
