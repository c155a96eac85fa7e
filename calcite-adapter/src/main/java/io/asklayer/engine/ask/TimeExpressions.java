package io.asklayer.engine.ask;

import io.asklayer.engine.model.TimeGrain;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds the time in a question: periods ("2024", "Q3 2024", "the third quarter of 2025", "March
 * 2025", "the first half of 2025", "2025-03-01", "3/1/2025", "March 5, 2025"), ranges ("between A
 * and B", "from A to B", "since A", "before A", "until A"), words relative to today ("last
 * quarter", "this year", "year to date", "last 30 days"), and grains ("monthly", "by quarter",
 * "which week"). The rules are DESIGN section 4's: calendar quarters, months and halves; weeks
 * start on Monday; "last quarter" is the previous complete one; "this year", "year to date" and
 * "since A" run up to and including today; "last N days" are the N days ending with today; both
 * ends of "between" and "from ... to" are included.
 */
final class TimeExpressions {
  /** A period or a grain found in tokens {@code start} to {@code end} (exclusive). */
  record Found(int start, int end, LocalDate from, LocalDate to, TimeGrain grain,
      String meaning) {
    boolean isRange() {
      return grain == null;
    }
  }

  /** Days {@code from} (inclusive) to {@code to} (exclusive). */
  private record Period(LocalDate from, LocalDate to, int next, String meaning) {
  }

  private static final Map<String, Integer> ORDINAL_WORDS = Map.of("first", 1, "second", 2,
      "third", 3, "fourth", 4, "1st", 1, "2nd", 2, "3rd", 3, "4th", 4, "last", -1, "final", -1);
  private static final Map<String, TimeGrain> GRAIN_NOUNS = Map.of("day", TimeGrain.DAY,
      "week", TimeGrain.WEEK, "month", TimeGrain.MONTH, "quarter", TimeGrain.QUARTER,
      "year", TimeGrain.YEAR);
  private static final Map<String, TimeGrain> GRAIN_ADJECTIVES = Map.ofEntries(
      Map.entry("daily", TimeGrain.DAY), Map.entry("weekly", TimeGrain.WEEK),
      Map.entry("monthly", TimeGrain.MONTH), Map.entry("quarterly", TimeGrain.QUARTER),
      Map.entry("yearly", TimeGrain.YEAR), Map.entry("annual", TimeGrain.YEAR),
      Map.entry("annually", TimeGrain.YEAR), Map.entry("nightly", TimeGrain.DAY));
  private static final Set<String> LAST = Set.of("last", "previous", "prior", "past",
      "preceding", "trailing");
  private static final Set<String> THIS = Set.of("this", "current");

  private final List<Token> tokens;
  private final LocalDate today;

  private TimeExpressions(List<Token> tokens, LocalDate today) {
    this.tokens = tokens;
    this.today = today;
  }

  private static final Set<String> WORDS = Set.of("today", "yesterday", "tomorrow", "since",
      "until", "till", "before", "after", "between", "through", "thru", "half", "halves", "ytd",
      "qtd", "mtd", "fy", "h1", "h2", "q1", "q2", "q3", "q4", "date", "days", "weeks", "months",
      "quarters", "years", "starting", "ago", "next", "sept");

  /** Whether the time reader knows a word (a month, a grain, a relative word). */
  static boolean knows(String w) {
    if (WORDS.contains(w) || LAST.contains(w) || THIS.contains(w) || ORDINAL_WORDS.containsKey(w)
        || GRAIN_ADJECTIVES.containsKey(w) || GRAIN_NOUNS.containsKey(Words.stem(w))) {
      return true;
    }
    for (Month m : Month.values()) {
      String full = m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
      if (w.equals(full) || w.length() == 3 && full.startsWith(w)) {
        return true;
      }
    }
    return false;
  }

  /** Every period and range in the tokens, left to right, none overlapping. */
  static List<Found> ranges(List<Token> tokens, LocalDate today) {
    TimeExpressions t = new TimeExpressions(tokens, today);
    List<Found> out = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Found f = t.rangeAt(i);
      if (f == null) {
        i++;
      } else {
        out.add(f);
        i = f.end();
      }
    }
    return out;
  }

  /** A grain ("monthly", "quarter", "month over month") at token i, or null. */
  static Found grain(List<Token> tokens, int i) {
    return new TimeExpressions(tokens, null).grainAt(i);
  }

  // Ranges ----------------------------------------------------------------------------------

  private Found rangeAt(int i) {
    String w = norm(i);
    if (w.equals("between") || w.equals("from")) {
      Period a = startOfRange(i + 1);
      if (a != null) {
        int j = a.next();
        String c = norm(j);
        boolean joins = w.equals("between") ? c.equals("and") || c.equals("&") || c.equals("-")
            : Set.of("to", "through", "thru", "until", "till", "-", "and").contains(c);
        if (c.equals("up") && norm(j + 1).equals("to")) {
          j++;
          joins = true;
        }
        Period b = joins ? periodAt(j + 1) : null;
        if (b != null) {
          a = inYearOf(a, i + 1, b, j + 1);
        }
        if (b != null && !b.to().isBefore(a.from())) {
          return found(i, b.next(), a.from(), b.to(), "from " + a.meaning() + " through "
              + b.meaning());
        }
        if (w.equals("from") && b == null) {
          return found(i, a.next(), a.from(), a.to(), a.meaning());
        }
      }
    }
    if (w.equals("since") || (w.equals("starting") && Set.of("in", "from", "on")
        .contains(norm(i + 1)))) {
      int at = w.equals("since") ? i + 1 : i + 2;
      Period a = periodAt(at);
      if (a != null) {
        return found(i, a.next(), a.from(), today.plusDays(1), "since " + a.meaning()
            + " up to today (" + today + ")");
      }
    }
    if (w.equals("after")) {
      Period a = periodAt(i + 1);
      if (a != null) {
        return found(i, a.next(), a.to(), null, "after " + a.meaning());
      }
    }
    if (w.equals("before") || (w.equals("prior") && norm(i + 1).equals("to"))) {
      int at = w.equals("before") ? i + 1 : i + 2;
      Period a = periodAt(at);
      if (a != null) {
        return found(i, a.next(), null, a.from(), "before " + a.meaning());
      }
    }
    if (w.equals("until") || w.equals("till") || w.equals("through")
        || (w.equals("up") && norm(i + 1).equals("to"))) {
      int at = w.equals("up") ? i + 2 : i + 1;
      Period a = periodAt(at);
      if (a != null) {
        return found(i, a.next(), null, a.to(), "up to the end of " + a.meaning());
      }
    }
    Period p = periodAt(i);
    if (p == null) {
      // "Jan to Mar 2025": a month without its year opens a range
      p = startOfRange(i);
      if (p == null || !Set.of("to", "through", "thru", "until", "till", "-")
          .contains(norm(p.next()))) {
        return null;
      }
    }
    // "2023 to 2024", "Q1 - Q3 2025"
    String c = norm(p.next());
    if (Set.of("to", "through", "thru", "until", "till", "-").contains(c)) {
      Period b = periodAt(p.next() + 1);
      if (b != null) {
        p = inYearOf(p, i, b, p.next() + 1);
      }
      if (b != null && !b.to().isBefore(p.from())) {
        return found(i, b.next(), p.from(), b.to(), p.meaning() + " through " + b.meaning());
      }
    }
    return found(i, p.next(), p.from(), p.to(), p.meaning());
  }

  private Found found(int start, int end, LocalDate from, LocalDate to, String meaning) {
    return new Found(start, end, from, to, null, meaning);
  }

  // Periods ---------------------------------------------------------------------------------

  /** The start of a range: a period, or a month named alone ("from Feb to Apr 2024"). */
  private Period startOfRange(int i) {
    Period p = periodAt(i);
    if (p != null) {
      return p;
    }
    int j = norm(i).equals("the") ? i + 1 : i;
    Month m = monthName(j);
    return m == null ? null : monthOf(inferYear(m.getValue(), 1), m.getValue(), j + 1);
  }

  /**
   * The start of a range that names no year, in the year its end names: "from March through May
   * 2024" is March 2024, whatever today is.
   */
  private Period inYearOf(Period a, int aStart, Period b, int bStart) {
    if (hasYear(aStart, a.next()) || !hasYear(bStart, b.next())) {
      return a;
    }
    long years = b.from().getYear() - a.from().getYear();
    LocalDate from = a.from().plusYears(years);
    if (years == 0 || from.isAfter(b.from())) {
      return a;
    }
    return new Period(from, a.to().plusYears(years), a.next(), a.meaning().replace(
        String.valueOf(a.from().getYear()), String.valueOf(from.getYear())));
  }

  private boolean hasYear(int from, int to) {
    for (int k = from; k < to; k++) {
      if (yearNumber(k) > 0 || norm(k).matches("\\d{4}-.*|.*/\\d{4}")) {
        return true;
      }
    }
    return false;
  }

  /** A period starting at token i, or null. */
  private Period periodAt(int i) {
    if (i >= tokens.size()) {
      return null;
    }
    int j = i;
    if (norm(j).equals("the")) {
      j++;
    }
    Period p;
    if ((p = relative(j)) != null || (p = toDate(j)) != null || (p = quarter(j)) != null
        || (p = half(j)) != null || (p = month(j)) != null || (p = year(j)) != null) {
      return p;
    }
    return null;
  }

  private Period relative(int i) {
    String w = norm(i);
    if (w.equals("today")) {
      return new Period(today, today.plusDays(1), i + 1, "today (" + today + ")");
    }
    if (w.equals("yesterday")) {
      return new Period(today.minusDays(1), today, i + 1, "yesterday (" + today.minusDays(1)
          + ")");
    }
    if (w.equals("ytd") || w.equals("qtd") || w.equals("mtd")) {
      return toDate(w.charAt(0) == 'y' ? TimeGrain.YEAR : w.charAt(0) == 'q' ? TimeGrain.QUARTER
          : TimeGrain.MONTH, i + 1);
    }
    if (w.equals("so") && norm(i + 1).equals("far")) {
      int after = i + 2;
      if (norm(after).equals("this") && GRAIN_NOUNS.containsKey(stem(after + 1))) {
        return toDate(GRAIN_NOUNS.get(stem(after + 1)), after + 2);
      }
      return new Period(null, today.plusDays(1), after, "up to today (" + today + ")");
    }
    if (norm(i).equals("year") && norm(i + 1).equals("before") && norm(i + 2).equals("last")) {
      LocalDate y = today.withDayOfYear(1).minusYears(2);
      return new Period(y, y.plusYears(1), i + 3, "the year before last (" + y.getYear() + ")");
    }
    if (LAST.contains(w) || THIS.contains(w) || w.equals("next")) {
      int j = i + 1;
      int n = 1;
      boolean counted = false;
      if (isCount(j)) {
        n = count(j);
        counted = true;
        j++;
      }
      if (norm(j).equals("full") || norm(j).equals("complete") || norm(j).equals("calendar")) {
        j++;
      }
      TimeGrain g = GRAIN_NOUNS.get(stem(j));
      if (g == null) {
        return null;
      }
      if (THIS.contains(w)) {
        if (counted) {
          return null;
        }
        return toDate(g, j + 1, "this " + name(g));
      }
      if (w.equals("next")) {
        LocalDate start = shift(floor(today, g), g, 1);
        LocalDate end = shift(start, g, n);
        return new Period(start, end, j + 1, "next " + (counted ? n + " " : "") + name(g)
            + (counted ? "s" : "") + " (" + start + " to " + end.minusDays(1) + ")");
      }
      if (counted) {
        // The N days (weeks, months, ...) ending with today, today included.
        LocalDate end = today.plusDays(1);
        LocalDate start = shift(end, g, -n);
        return new Period(start, end, j + 1, "the last " + n + " " + name(g) + "s ("
            + start + " to " + today + ")");
      }
      // "the last quarter of 2024" is its fourth; "the last month of 2024" its December.
      Qualified of = norm(j + 1).equals("of") ? qualifiedYear(j + 1) : null;
      if (of != null && (g == TimeGrain.QUARTER || g == TimeGrain.MONTH)) {
        LocalDate start = LocalDate.of(of.year(), g == TimeGrain.QUARTER ? 10 : 12, 1);
        LocalDate end = LocalDate.of(of.year() + 1, 1, 1);
        return new Period(start, end, of.next(), "the last " + name(g) + " of " + of.year()
            + " (" + describe(start, end, g) + ")");
      }
      LocalDate end = floor(today, g);
      LocalDate start = shift(end, g, -1);
      return new Period(start, end, j + 1, "last " + name(g) + " (" + describe(start, end, g)
          + ")");
    }
    // "year to date", "quarter-to-date"
    TimeGrain g = GRAIN_NOUNS.get(norm(i));
    if (g != null && norm(i + 1).equals("to") && norm(i + 2).equals("date")) {
      return toDate(g, i + 3);
    }
    return null;
  }

  private Period toDate(TimeGrain g, int next) {
    return toDate(g, next, name(g) + " to date");
  }

  private Period toDate(TimeGrain g, int next, String words) {
    LocalDate start = floor(today, g);
    return new Period(start, today.plusDays(1), next, words + " (" + start + " to " + today + ")");
  }

  private Period toDate(int i) {
    Token t = token(i);
    if (t == null) {
      return null;
    }
    if (t.kind() == Token.Kind.DATE) {
      String s = t.norm();
      try {
        if (s.matches("\\d{4}-\\d{1,2}-\\d{1,2}")) {
          String[] p = s.split("-");
          return day(date(p[0], p[1], p[2]), i + 1);
        }
        if (s.matches("\\d{1,2}/\\d{1,2}/\\d{2,4}")) {
          String[] p = s.split("/");
          return day(date(p[2].length() == 2 ? "20" + p[2] : p[2], p[0], p[1]), i + 1);
        }
        if (s.matches("\\d{4}-\\d{1,2}")) {
          String[] p = s.split("-");
          return monthOf(Integer.parseInt(p[0]), Integer.parseInt(p[1]), i + 1);
        }
        if (s.matches("\\d{1,2}/\\d{4}")) {
          String[] p = s.split("/");
          return monthOf(Integer.parseInt(p[1]), Integer.parseInt(p[0]), i + 1);
        }
      } catch (DateTimeException | NumberFormatException e) {
        return null;
      }
    }
    // "5 March 2025", "5th of March 2025"
    if ((t.kind() == Token.Kind.NUMBER || t.kind() == Token.Kind.ORDINAL) && t.intValue() >= 1
        && t.intValue() <= 31) {
      int j = i + 1;
      if (norm(j).equals("of")) {
        j++;
      }
      Month m = monthName(j);
      if (m != null) {
        int y = yearNumber(j + 1);
        int year = y > 0 ? y : inferYear(m.getValue(), 1);
        try {
          return day(LocalDate.of(year, m, t.intValue()), y > 0 ? j + 2 : j + 1);
        } catch (DateTimeException e) {
          return null;
        }
      }
    }
    return null;
  }

  private Period day(LocalDate d, int next) {
    return new Period(d, d.plusDays(1), next, d.toString());
  }

  private static LocalDate date(String y, String m, String d) {
    return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
  }

  private Period quarter(int i) {
    String w = norm(i);
    int q = -1;
    int next = i + 1;
    if (w.matches("q[1-4]")) {
      q = w.charAt(1) - '0';
    } else if (ORDINAL_WORDS.containsKey(w) && stem(i + 1).equals("quarter")) {
      q = ORDINAL_WORDS.get(w);
      next = i + 2;
    } else if (w.equals("quarter") && token(i + 1) != null && token(i + 1).intValue() >= 1
        && token(i + 1).intValue() <= 4 && token(i + 1).kind() == Token.Kind.NUMBER) {
      q = token(i + 1).intValue();
      next = i + 2;
    } else {
      int y = yearNumber(i);
      if (y > 0 && norm(i + 1).matches("q[1-4]")) {
        q = norm(i + 1).charAt(1) - '0';
        LocalDate start = LocalDate.of(y, 3 * q - 2, 1);
        return new Period(start, start.plusMonths(3), i + 2, "Q" + q + " " + y);
      }
      return null;
    }
    Qualified year = qualifiedYear(next);
    int y;
    if (q == -1) {
      // "the last quarter of 2024"
      if (year == null) {
        return null;
      }
      q = 4;
    }
    if (year != null) {
      y = year.year();
      next = year.next();
    } else {
      y = inferYear(3 * q - 2, 3);
    }
    LocalDate start = LocalDate.of(y, 3 * q - 2, 1);
    return new Period(start, start.plusMonths(3), next, "Q" + q + " " + y);
  }

  private Period half(int i) {
    String w = norm(i);
    int h = -1;
    int next = i + 1;
    if (w.equals("h1") || w.equals("h2")) {
      h = w.charAt(1) - '0';
    } else if (ORDINAL_WORDS.containsKey(w) && norm(i + 1).equals("half")) {
      h = ORDINAL_WORDS.get(w);
      h = h == -1 ? 2 : h;
      next = i + 2;
    }
    if (h < 1 || h > 2) {
      return null;
    }
    Qualified year = qualifiedYear(next);
    int y = year != null ? year.year() : inferYear(6 * h - 5, 6);
    if (year != null) {
      next = year.next();
    }
    LocalDate start = LocalDate.of(y, 6 * h - 5, 1);
    return new Period(start, start.plusMonths(6), next, (h == 1 ? "first" : "second")
        + " half of " + y);
  }

  private Period month(int i) {
    Month m = monthName(i);
    if (m == null) {
      return null;
    }
    int next = i + 1;
    // "March 5, 2025", "March 5th 2025"
    Token d = token(next);
    if (d != null && (d.kind() == Token.Kind.NUMBER || d.kind() == Token.Kind.ORDINAL)
        && d.intValue() >= 1 && d.intValue() <= 31 && yearNumber(next) < 0) {
      int j = next + 1;
      if (norm(j).equals(",")) {
        j++;
      }
      int y = yearNumber(j);
      try {
        return day(LocalDate.of(y > 0 ? y : inferYear(m.getValue(), 1), m, d.intValue()),
            y > 0 ? j + 1 : next + 1);
      } catch (DateTimeException e) {
        return null;
      }
    }
    Qualified year = qualifiedYear(next);
    // "may" alone is a verb far more often than a month.
    if (year == null && (m == Month.MAY && !token(i).capitalized()
        || norm(i).length() == 3 && !norm(i).equals("may"))) {
      return null;
    }
    int y = year != null ? year.year() : inferYear(m.getValue(), 1);
    return monthOf(y, m.getValue(), year != null ? year.next() : next);
  }

  private Period monthOf(int year, int month, int next) {
    LocalDate start = LocalDate.of(year, month, 1);
    return new Period(start, start.plusMonths(1), next,
        start.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + year);
  }

  private Period year(int i) {
    int j = i;
    if (norm(j).equals("year") || norm(j).equals("fy") || norm(j).equals("calendar")) {
      j++;
      if (norm(j).equals("year")) {
        j++;
      }
    }
    int y = yearNumber(j);
    if (y < 0 && norm(j).matches("fy\\d{4}")) {
      y = Integer.parseInt(norm(j).substring(2));
    }
    if (y < 0) {
      return null;
    }
    LocalDate start = LocalDate.of(y, 1, 1);
    return new Period(start, start.plusYears(1), j + 1, String.valueOf(y));
  }

  /** A year after a quarter, half or month: "2024", "of 2024", "of last year", "this year". */
  private record Qualified(int year, int next) {
  }

  private Qualified qualifiedYear(int i) {
    int j = i;
    if (norm(j).equals("of") || norm(j).equals("in") || norm(j).equals(",")) {
      j++;
    }
    if (norm(j).equals("the")) {
      j++;
    }
    int y = yearNumber(j);
    if (y > 0) {
      return new Qualified(y, j + 1);
    }
    if (norm(j + 1).equals("year")) {
      if (LAST.contains(norm(j))) {
        return new Qualified(today.getYear() - 1, j + 2);
      }
      if (THIS.contains(norm(j))) {
        return new Qualified(today.getYear(), j + 2);
      }
      if (norm(j).equals("next")) {
        return new Qualified(today.getYear() + 1, j + 2);
      }
    }
    return null;
  }

  /**
   * The year of a month, quarter or half named without one: the latest whose first month has
   * begun by today.
   */
  private int inferYear(int firstMonth, int months) {
    return firstMonth <= today.getMonthValue() ? today.getYear() : today.getYear() - 1;
  }

  // Grains ----------------------------------------------------------------------------------

  private Found grainAt(int i) {
    String w = norm(i);
    TimeGrain g = GRAIN_ADJECTIVES.get(w);
    if (g != null) {
      return new Found(i, i + 1, null, null, g, name(g));
    }
    g = GRAIN_NOUNS.get(stem(i));
    if (g != null) {
      // "month over month", "day by day"
      int end = i + 1;
      if ((norm(end).equals("over") || norm(end).equals("by")) && g == GRAIN_NOUNS.get(stem(end
          + 1))) {
        end += 2;
      }
      return new Found(i, end, null, null, g, name(g));
    }
    if (w.equals("over") && norm(i + 1).equals("time")) {
      return new Found(i, i + 2, null, null, TimeGrain.MONTH, "month (over time)");
    }
    return null;
  }

  // Helpers ---------------------------------------------------------------------------------

  private Token token(int i) {
    return i >= 0 && i < tokens.size() ? tokens.get(i) : null;
  }

  private String norm(int i) {
    Token t = token(i);
    return t == null ? "" : t.norm();
  }

  private String stem(int i) {
    Token t = token(i);
    return t == null ? "" : t.stem();
  }

  private int yearNumber(int i) {
    Token t = token(i);
    if (t == null || t.kind() != Token.Kind.NUMBER || t.norm().length() != 4) {
      return -1;
    }
    int y = t.intValue();
    return y >= 1900 && y <= 2199 ? y : -1;
  }

  private boolean isCount(int i) {
    Token t = token(i);
    return t != null && (t.kind() == Token.Kind.NUMBER && t.intValue() > 0
        && t.intValue() < 10000 || Words.NUMBERS.containsKey(t.norm()));
  }

  private int count(int i) {
    Token t = token(i);
    return t.kind() == Token.Kind.NUMBER ? t.intValue() : Words.NUMBERS.get(t.norm());
  }

  private Month monthName(int i) {
    Token t = token(i);
    if (t == null || t.kind() != Token.Kind.WORD || t.norm().length() < 3) {
      return null;
    }
    String w = t.norm();
    for (Month m : Month.values()) {
      String full = m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
      if (w.equals(full) || (w.length() == 3 && full.startsWith(w))
          || (w.equals("sept") && m == Month.SEPTEMBER)) {
        return m;
      }
    }
    return null;
  }

  static LocalDate floor(LocalDate d, TimeGrain g) {
    return switch (g) {
      case DAY -> d;
      case WEEK -> d.with(DayOfWeek.MONDAY);
      case MONTH -> d.withDayOfMonth(1);
      case QUARTER -> LocalDate.of(d.getYear(), (d.getMonthValue() - 1) / 3 * 3 + 1, 1);
      case YEAR -> d.withDayOfYear(1);
    };
  }

  /** {@code d} moved by {@code n} grains. */
  private static LocalDate shift(LocalDate d, TimeGrain g, long n) {
    return switch (g) {
      case DAY -> d.plusDays(n);
      case WEEK -> d.plusWeeks(n);
      case MONTH -> d.plusMonths(n);
      case QUARTER -> d.plusMonths(3 * n);
      case YEAR -> d.plusYears(n);
    };
  }

  static String name(TimeGrain g) {
    return g.name().toLowerCase(Locale.ROOT);
  }

  private static String describe(LocalDate from, LocalDate to, TimeGrain g) {
    return switch (g) {
      case YEAR -> String.valueOf(from.getYear());
      case QUARTER -> "Q" + ((from.getMonthValue() - 1) / 3 + 1) + " " + from.getYear();
      case MONTH -> from.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " "
          + from.getYear();
      default -> from + " to " + to.minusDays(1);
    };
  }
}
