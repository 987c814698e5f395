"""Chest X-ray findings: several scans per patient, split by scan instead of by patient."""
import pandas as pd
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

scans = pd.read_csv("scans.csv")
print(scans.groupby("patient_id").size().describe())  # several scans per patient

features = scans.drop(columns=["patient_id", "scan_id", "finding"])
X_train, X_test, y_train, y_test = train_test_split(features, scans["finding"], test_size=0.2, random_state=0)

model = RandomForestClassifier(n_estimators=300, random_state=0).fit(X_train, y_train)
print("AUC:", roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
