"""Hospital readmission model, written without leaks: split first, resample the training part."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

visits = pd.read_csv("data/visits.csv")

X = visits.drop(columns=["readmitted"])
y = visits["readmitted"]
X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
X_train, y_train = SMOTE(random_state=0).fit_resample(X_train, y_train)

forest = RandomForestClassifier(n_estimators=300, random_state=0).fit(X_train, y_train)
print("test F1", f1_score(y_test, forest.predict(X_test)))
