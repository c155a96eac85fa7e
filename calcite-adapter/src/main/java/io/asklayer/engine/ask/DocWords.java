package io.asklayer.engine.ask;

import java.util.Set;

/**
 * English words of questions about documents; which words route to which document source, and
 * which are complaints, are the model's ({@code language.documents}).
 */
final class DocWords {
  private DocWords() {
  }

  /** What people say: a question for documents, the model's first complaint source by default. */
  static final Set<String> SAYING = Set.of("say", "says", "said", "saying", "think", "thinks",
      "mention", "mentions", "mentioned", "feedback", "opinion", "opinions", "comments",
      "comment", "praise");

  /** Words that are not worth searching for in a document question. */
  static final Set<String> STOP = Set.of("what", "which", "who", "whom", "why", "how", "when",
      "where", "is", "are", "was", "were", "be", "been", "do", "does", "did", "the", "a", "an",
      "of", "about", "for", "on", "in", "to", "with", "me", "us", "our", "we", "you", "your",
      "they", "their", "them", "it", "its", "there", "show", "tell", "give", "find", "list",
      "please", "can", "could", "would", "any", "all", "some", "main", "top", "most", "common",
      "latest", "recent", "s", "so", "many", "much", "say", "says", "said", "saying", "think",
      "thinks", "mention", "mentions", "mentioned", "people", "users", "feedback");
}
