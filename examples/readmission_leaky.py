"""Hospital readmission model: leaks through the rows and columns that reach it."""
import pandas as pd
from imblearn.over_sampling import SMOTE
from sklearn.ensemble import RandomForestClassifier
from sklearn.metrics import f1_score
from sklearn.model_selection import train_test_split

visits = pd.read_csv("data/visits.csv")
visits["ward_readmit_rate"] = visits.groupby("ward")["readmitted"].transform("mean")

X = visits.drop(columns=["readmitted"])
y = visits["readmitted"]
X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.2, stratify=y_res, random_state=0)

forest = RandomForestClassifier(n_estimators=300, random_state=0).fit(X_train, y_train)
print("test F1", f1_score(y_test, forest.predict(X_test)))

# "More data is better": retrain on every row, then report the test score again.
final = RandomForestClassifier(n_estimators=300, random_state=0).fit(pd.concat([X_train, X_test]), pd.concat([y_train, y_test]))
print("final test F1", f1_score(y_test, final.predict(X_test)))
