package io.asklayer.engine.error;

import java.util.Collection;
import java.util.Locale;

/**
 * Every message a user can read, in one place. Each method returns the exception to throw, already
 * classified; its text says what was wrong and what to do instead.
 */
public final class Messages {
  private Messages() {
  }

  // Statements

  public static AsklayerException emptyStatement() {
    return new AsklayerException(ErrorKind.USER,
        "The statement is empty. Send one SQL query, for example SELECT * FROM regions.");
  }

  public static AsklayerException multipleStatements(int count) {
    return new AsklayerException(ErrorKind.USER, "One statement per execution: the text holds "
        + count + " statements separated by semicolons. Send them one at a time.");
  }

  public static AsklayerException readOnly(String verb) {
    String what = verb.isEmpty() ? "This statement" : verb.toUpperCase(Locale.ROOT) + " statements";
    return new AsklayerException(ErrorKind.UNSUPPORTED, "Asklayer is read-only: " + what
        + " would change data, schema or settings, and are refused. Read data with SELECT.");
  }

  /** A batch was executed ({@code Statement.executeBatch}) with {@code statements} in it. */
  public static AsklayerException batchRefused(int statements) {
    return new AsklayerException(ErrorKind.UNSUPPORTED, "Asklayer is read-only: executeBatch "
        + "runs batches of changes, which Asklayer refuses, so the " + statements + " statement"
        + (statements == 1 ? "" : "s") + " added with addBatch " + (statements == 1 ? "was"
        : "were") + " not run. Run each query on its own with executeQuery.");
  }

  /** A client asked for a read-write connection ({@code Connection.setReadOnly(false)}). */
  public static AsklayerException readWriteRefused() {
    return new AsklayerException(ErrorKind.UNSUPPORTED, "Asklayer connections are read-only: "
        + "setReadOnly(false) is refused, and the connection stays read-only. Read data with "
        + "SELECT; changes to the warehouse are made outside Asklayer.");
  }

  public static AsklayerException unsupported(String what) {
    return new AsklayerException(ErrorKind.UNSUPPORTED, what + " are not supported by Asklayer yet; "
        + "write the query without them.");
  }

  public static AsklayerException stringTooLong(String function, long characters, long most) {
    return new AsklayerException(ErrorKind.USER, "The statement builds a string of "
        + String.format(Locale.ROOT, "%,d", characters) + " characters with " + function
        + "; Asklayer builds strings of at most " + String.format(Locale.ROOT, "%,d", most)
        + " characters. Ask for a shorter one.");
  }

  /** The start of every {@link #dataStringTooLong} message, by which a warehouse error is known. */
  public static final String DATA_STRING_TOO_LONG = "A string computed from the data would have "
      + "more than ";

  /**
   * The words of the error the warehouse raises when a count from the data would make {@code
   * function} build a string past {@code most} characters.
   */
  public static String dataStringTooLong(String function, long most) {
    String n = String.format(Locale.ROOT, "%,d", most);
    return DATA_STRING_TOO_LONG + n + " characters (" + function + " with a count or replacement from the data); "
        + "Asklayer builds strings of at most " + n + " characters. Bound the count, for example "
        + "with LEAST(count, 1000).";
  }

  /** The warehouse ran out of the memory it may use for one statement. */
  public static AsklayerException warehouseOutOfMemory(Throwable cause) {
    return new AsklayerException(ErrorKind.USER, "The statement needs more memory than the "
        + "warehouse may use. Ask for less at once: aggregate further, select fewer or shorter "
        + "columns, or add a filter.", cause);
  }

  public static AsklayerException syntaxError(String parserMessage) {
    return new AsklayerException(ErrorKind.USER, "SQL syntax error: "
        + shortSyntaxMessage(parserMessage));
  }

  /** How many of the parser's possible continuations a syntax error names. */
  static final int CONTINUATIONS = 6;

  /**
   * Calcite's parser lists every token that could have followed (57 lines after {@code EXPLAIN PLAN
   * AS}); the message keeps where it stopped and the first few continuations on one line.
   */
  static String shortSyntaxMessage(String parserMessage) {
    if (parserMessage == null) {
      return "the statement could not be read";
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\s*Was expecting(?: one of)?:")
        .matcher(parserMessage);
    if (!m.find()) {
      return parserMessage.strip();
    }
    java.util.List<String> options = parserMessage.substring(m.end()).lines().map(String::strip)
        .map(l -> l.endsWith("...") ? l.substring(0, l.length() - 3).strip() : l)
        .filter(l -> !l.isEmpty()).distinct().toList();
    String head = parserMessage.substring(0, m.start()).strip();
    if (options.isEmpty()) {
      return head;
    }
    String shown = String.join(", ", options.subList(0, Math.min(CONTINUATIONS, options.size())));
    int more = options.size() - CONTINUATIONS;
    return head + (head.endsWith(".") ? "" : ".") + " Expected "
        + (options.size() == 1 ? "" : "one of ") + shown
        + (more > 0 ? " (or " + more + " more)" : "") + ".";
  }

  public static AsklayerException unreadableStatement(String lexerMessage) {
    return new AsklayerException(ErrorKind.USER, "The statement cannot be read: " + lexerMessage
        + ". Check for an unclosed quote or comment.");
  }

  /** SQL Server's {@code SELECT TOP n}. */
  public static AsklayerException sqlServerTop() {
    return new AsklayerException(ErrorKind.UNSUPPORTED, "SELECT TOP n is SQL Server's way of "
        + "limiting rows and is not supported: end the query with LIMIT n instead (SELECT ... "
        + "ORDER BY ... LIMIT n), or with FETCH FIRST n ROWS ONLY.");
  }

  /**
   * PostgreSQL's {@code x::type}: Calcite's parser reads it, but binding more loosely than
   * arithmetic, so {@code 7 / 2::double} was (7 / 2)::double, 3.0 where PostgreSQL says 3.5.
   */
  public static AsklayerException infixCast(int line, int column) {
    return new AsklayerException(ErrorKind.UNSUPPORTED, "The :: cast at line " + line
        + ", column " + column + " is not supported: write CAST(x AS type) instead (for "
        + "example CAST(COUNT(*) AS DOUBLE)), so that what is cast is unambiguous.");
  }

  /** A JDBC {@code {call ...}} or {@code {? = call ...}} escape. */
  public static AsklayerException procedureCall(int line, int column) {
    return new AsklayerException(ErrorKind.UNSUPPORTED, "JDBC procedure calls ({call ...}, "
        + "{? = call ...}, at line " + line + ", column " + column + ") are not supported: "
        + "Asklayer answers queries and has no stored procedures. Send the query itself.");
  }

  /** A JDBC escape such as {@code {oj ...}} whose closing brace is missing. */
  public static AsklayerException unclosedEscape(String keyword, int line, int column) {
    return new AsklayerException(ErrorKind.USER, "The JDBC escape {" + keyword + " at line "
        + line + ", column " + column + " is not closed: end it with }.");
  }

  public static AsklayerException validation(String calciteMessage) {
    return new AsklayerException(ErrorKind.USER, calciteMessage);
  }

  // Connection properties

  public static AsklayerException unknownProperty(String key, Collection<String> accepted) {
    return new AsklayerException(ErrorKind.USER, "Unknown connection property '" + key
        + "'. Accepted properties: " + String.join(", ", accepted) + ".");
  }

  public static AsklayerException badProperty(String key, String value, String accepted) {
    return new AsklayerException(ErrorKind.USER, "Connection property '" + key + "' has value '"
        + value + "', which is not accepted: " + accepted + ".");
  }

  public static AsklayerException missingUser() {
    return new AsklayerException(ErrorKind.IDENTITY, "No user: set the connection property 'user' "
        + "to the principal to act as, for example jdbc:asklayer:user=analyst.");
  }

  // Documents

  /** A search_documents query longer than the model's limit on questions. */
  public static AsklayerException searchTooLong(int length, int max) {
    return new AsklayerException(ErrorKind.USER, "The search_documents query is " + length
        + " characters long; queries may have at most " + max + " (the model's guardrail "
        + "max_question_length). Search with fewer, more telling words.");
  }

  // Privileges

  /**
   * {@code action} needs a privilege the principal lacks: names the privilege, the roles that
   * grant it and the principals holding it, so the user knows whom to ask.
   */
  public static AsklayerException notPrivileged(String action, String privilege,
      String principal, java.util.List<String> grantedBy, java.util.List<String> holders) {
    String who = grantedBy.isEmpty() ? "No role of the model grants it, so nobody may; an "
        + "administrator can add privileges: [" + privilege + "] to a role."
        : "It is granted by role " + String.join(", ", grantedBy) + (holders.isEmpty() ? ""
        : " (principal " + String.join(", ", holders) + ")") + ": ask "
        + (holders.isEmpty() ? "an administrator" : "one of them") + " to run it, or an "
        + "administrator to grant the privilege.";
    return new AsklayerException(ErrorKind.PRIVILEGE, action + " needs the privilege '"
        + privilege + "', which principal '" + principal + "' does not have. " + who);
  }

  // Metric queries

  public static AsklayerException unknownMetric(String name, java.util.Collection<String> known) {
    return new AsklayerException(ErrorKind.USER, "There is no metric '" + name + "'. Metrics are: "
        + String.join(", ", new java.util.TreeSet<>(known)) + ".");
  }

  public static AsklayerException noMetrics() {
    return new AsklayerException(ErrorKind.USER, "Ask for at least one metric.");
  }

  public static AsklayerException unknownDimension(String name,
      java.util.Collection<String> known) {
    return new AsklayerException(ErrorKind.USER, "There is no dimension '" + name
        + "'. Dimensions are: " + String.join(", ", new java.util.TreeSet<>(known)) + ".");
  }

  public static AsklayerException grainOnNonTime(String dimension, String grain) {
    return new AsklayerException(ErrorKind.USER, "Dimension '" + dimension + "' is not a time "
        + "dimension, so it has no " + grain.toLowerCase(Locale.ROOT) + " grain.");
  }

  public static AsklayerException grainNotOffered(String dimension, String grain,
      String grains) {
    return new AsklayerException(ErrorKind.USER, "Dimension '" + dimension + "' cannot be grouped "
        + "by " + grain.toLowerCase(Locale.ROOT) + "; its grains are " + grains.toLowerCase(
            Locale.ROOT) + ".");
  }

  public static AsklayerException noTimeDimension(String model) {
    return new AsklayerException(ErrorKind.USER, "The model '" + model + "' has no time dimension, "
        + "so a time range cannot be applied.");
  }

  public static AsklayerException badOrderKey(String key, Collection<String> metrics,
      Collection<String> columns) {
    return new AsklayerException(ErrorKind.USER, "Cannot order by '" + key + "': order by one of "
        + "the query's metrics " + metrics + " or columns " + columns + ".");
  }

  public static AsklayerException unreachableDimension(String dimension,
      Collection<String> metrics, String table, String dimensionTable) {
    return new AsklayerException(ErrorKind.USER, "Dimension '" + dimension + "' cannot be used "
        + "with " + String.join(", ", metrics) + ": those are computed on table '" + table
        + "', which has no many-to-one path to '" + dimensionTable + "'. Group those metrics by "
        + "other dimensions, or ask for them separately.");
  }

  public static AsklayerException unreachableTable(String table, String from) {
    return new AsklayerException(ErrorKind.USER, "Table '" + table + "' cannot be joined to '"
        + from + "' without repeating rows.");
  }

  /** A {@code having} condition on a metric or operator column whose value is no number. */
  public static AsklayerException badHavingValue(String column, String value, String expected) {
    return new AsklayerException(ErrorKind.USER, "'" + column + "' in having takes " + expected
        + ", not '" + value + "'; separate conditions with ';' (having: revenue > 1000000; "
        + "order_count >= 100).");
  }

  public static AsklayerException badFilterValue(String dimension, String value,
      String expected) {
    return new AsklayerException(ErrorKind.USER, "Dimension '" + dimension + "' takes " + expected
        + ", not '" + value + "'.");
  }

  // Operators of metric queries: each message names the operator's column and the reason.

  public static AsklayerException operatorRefused(String column, String why) {
    return new AsklayerException(ErrorKind.USER, "Cannot compute " + column + ": " + why + ".");
  }

  public static AsklayerException notAdditive(String column, String operation, String why) {
    return operatorRefused(column, operation + " has no meaning here, because " + why);
  }

  public static AsklayerException unknownColumn(String clause, String column,
      Collection<String> columns) {
    return new AsklayerException(ErrorKind.USER, "'" + column + "' in " + clause + " is not a "
        + "column of the answer; its columns are " + String.join(", ", columns) + ".");
  }

  public static AsklayerException duplicateColumn(String column) {
    return new AsklayerException(ErrorKind.USER, "Two columns of the answer are named '" + column
        + "'; name one of them with 'as', for example revenue.share() as revenue_share_2.");
  }

  /** How every limit in seconds is written: "1 second", "300 seconds". */
  public static String seconds(int n) {
    return n == 1 ? "1 second" : n + " seconds";
  }

  /** How a message about planning that ran out of time begins (the JDBC boundary looks for it). */
  public static final String PLANNING_TIMED_OUT = "Planning the statement took longer than its "
      + "time limit";

  /**
   * The planner stopped at the statement's time limit. Its cause is a
   * {@link java.sql.SQLTimeoutException}, so JDBC clients see a timeout.
   */
  public static AsklayerException planningTimedOut(int seconds) {
    String msg = PLANNING_TIMED_OUT + " (" + seconds(seconds) + ") and was stopped, before "
        + "anything ran in the warehouse. Simplify it (fewer joins, unions or conditions) or "
        + "split it.";
    return new AsklayerException(ErrorKind.USER, msg, new java.sql.SQLTimeoutException(msg));
  }

  public static AsklayerException planningCancelled(Throwable cause) {
    return new AsklayerException(ErrorKind.USER,
        "The statement was cancelled while it was being planned.", cause);
  }

  /** A refresh statement was cancelled while it ran; what it had not applied was dropped. */
  public static AsklayerException refreshCancelled(String statement) {
    return new AsklayerException(ErrorKind.USER, statement + " was cancelled before it "
        + "finished; nothing was changed. Run it again to refresh.");
  }

  // Warehouse and model

  public static AsklayerException warehouseUnavailable(String url, String reason) {
    return new AsklayerException(ErrorKind.USER, "The warehouse " + url + " could not be opened: "
        + reason);
  }

  public static AsklayerException internal(String what, Throwable cause) {
    String reason = cause.getMessage() == null ? cause.getClass().getSimpleName()
        : cause.getMessage();
    return new AsklayerException(ErrorKind.INTERNAL, what + ": " + reason, cause);
  }
}
