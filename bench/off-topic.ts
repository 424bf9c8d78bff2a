/**
 * Messages no support intent answers (nonsense, small talk, other domains): bench scripts count how
 * many still get a confident suggestion. A fixed list, the same for every dataset.
 */
export const OFF_TOPIC_MESSAGES = [
  "asdfgh qwerty zxcv",
  "blorp snazzle wibble",
  "lorem ipsum dolor sit amet",
  "the quick brown fox jumps over the lazy dog",
  "what's the weather like in paris tomorrow",
  "tell me a joke",
  "who won the football match last night",
  "recommend a good pizza recipe",
  "hello",
  "🙂🙂🙂",
] as const;
