"""Loan default models compared on the test set: the reader picks, so the test score is no longer final."""
import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier, RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

SEED = 7

loans = pd.read_csv("data/loans.csv")
features = loans.drop(columns=["defaulted", "loan_id"])
target = loans["defaulted"]
X_train, X_test, y_train, y_test = train_test_split(features, target, test_size=0.2, stratify=target, random_state=SEED)

candidates = {
    "logistic regression": make_pipeline(StandardScaler(), LogisticRegression(max_iter=1000)),
    "random forest": RandomForestClassifier(n_estimators=300, random_state=SEED),
    "gradient boosting": GradientBoostingClassifier(random_state=SEED),
}
results = []
for name, model in candidates.items():
    model.fit(X_train, y_train)
    auc = roc_auc_score(y_test, model.predict_proba(X_test)[:, 1])
    results.append({"model": name, "test AUC": round(auc, 3)})

# A table for the reader to pick from: the pick is made on the test rows.
print(pd.DataFrame(results))
