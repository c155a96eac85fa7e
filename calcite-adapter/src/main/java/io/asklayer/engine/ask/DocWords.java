package io.asklayer.engine.ask;

import java.util.Set;

/** Words that make a question one for documents rather than numbers. */
final class DocWords {
  private DocWords() {
  }

  /** Complaints: answered from low-rated reviews. */
  static final Set<String> COMPLAINT = Set.of("complain", "complains", "complained",
      "complaining", "complaint", "complaints", "problem", "problems", "issue", "issues",
      "defect", "defects", "unhappy", "dissatisfied", "disappointed", "negative", "wrong");

  /** What people say. */
  static final Set<String> SAYING = Set.of("say", "says", "said", "saying", "think", "thinks",
      "mention", "mentions", "mentioned", "feedback", "opinion", "opinions", "comments",
      "comment", "praise");

  /** Store policies. */
  static final Set<String> POLICY = Set.of("policy", "policies", "warranty", "guarantee",
      "refund", "refunds", "rules");

  /** What suppliers wrote. */
  static final Set<String> MAIL = Set.of("email", "emails", "emailed", "wrote", "letter",
      "letters", "message", "messages", "correspondence");

  /** Who is speaking, not a number: "customers complaining". */
  static final Set<String> SUBJECTS = Set.of("customer", "customers", "buyers", "buyer",
      "shoppers", "shopper", "people", "users", "user", "reviewers", "reviewer", "clients");

  /** Whether a word marks a document question. */
  static boolean any(String w) {
    return COMPLAINT.contains(w) || SAYING.contains(w) || POLICY.contains(w) || MAIL.contains(w)
        || w.equals("why");
  }

  /** Words that are not worth searching for in a document question. */
  static final Set<String> STOP = Set.of("what", "which", "who", "whom", "why", "how", "when",
      "where", "is", "are", "was", "were", "be", "been", "do", "does", "did", "the", "a", "an",
      "of", "about", "for", "on", "in", "to", "with", "me", "us", "our", "we", "you", "your",
      "they", "their", "them", "it", "its", "there", "show", "tell", "give", "find", "list",
      "please", "can", "could", "would", "any", "all", "some", "main", "top", "most", "common",
      "latest", "recent", "s", "so", "many", "much", "say", "says", "said", "saying", "think",
      "thinks", "mention", "mentions", "mentioned", "complain", "complains", "complained",
      "complaining", "complaint", "complaints", "customer", "customers", "people", "buyers",
      "shoppers", "users", "reviewers", "reviews", "review", "feedback", "supplier",
      "suppliers", "email", "emails", "wrote");
}
