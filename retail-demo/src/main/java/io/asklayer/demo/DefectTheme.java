package io.asklayer.demo;

import java.util.List;

/**
 * A defect planted in one product per category: its returns run high, and its low-rated reviews and
 * its supplier's emails describe the same fault in different words. The {@code keywords} are the
 * words a reader (or a retrieval test) would expect evidence of this defect to contain.
 */
enum DefectTheme {
  BATTERY("Electronics", "Wireless Earbuds", "battery drain", List.of("battery", "charge", "drains"),
      List.of("Battery drains way too fast", "Dead within a few hours", "Battery life is terrible",
          "Won't hold a charge", "Battery died after a week"),
      List.of("The battery drains fast, even when the earbuds sit in the case.",
          "After a full charge the battery is empty within two hours.",
          "They will not hold a charge for more than a morning.",
          "The charging case drains overnight and the left bud dies first.",
          "I have to recharge them three times a day because the battery drains so quickly.",
          "Battery went from full to ten percent during one commute.")),
  ZIPPER("Apparel", "Puffer Jacket", "broken zipper", List.of("zipper", "broke", "teeth"),
      List.of("Zipper broke in the first week", "Zipper keeps splitting", "Terrible zipper",
          "Zipper stuck and then snapped", "Warm jacket, useless zipper"),
      List.of("The zipper broke the second time I wore it.",
          "The zipper teeth split apart from the bottom every time I zip it up.",
          "The zipper pull snapped off and now the jacket will not close.",
          "The zipper keeps getting stuck halfway and the teeth came loose.",
          "Nice and warm, but the zipper broke within a week of use.")),
  LEAK("Home", "Electric Kettle", "leaking lid", List.of("leaks", "lid", "seal"),
      List.of("Leaks from the lid", "Kettle leaks all over the counter", "Lid seal failed",
          "Leaking after a month", "Water everywhere"),
      List.of("The kettle leaks from the lid every time it boils.",
          "The seal around the lid failed and water leaks onto the counter.",
          "It leaks from the base and tripped the breaker twice.",
          "Hot water drips from the lid seal when pouring, which is dangerous.",
          "The lid does not close tightly, so the kettle leaks steam and water.")),
  STRAP("Sports", "Hiking Backpack", "snapping strap", List.of("strap", "snapped", "buckle"),
      List.of("Shoulder strap snapped", "Strap tore on the first hike", "Buckle broke",
          "Straps are not built to last", "Strap stitching came apart"),
      List.of("The shoulder strap snapped on my first day hike.",
          "The stitching on the left strap tore away from the pack.",
          "The hip belt buckle snapped when I tightened it.",
          "A strap ripped at the seam with barely ten pounds inside.",
          "Both straps started fraying and one snapped after two weeks.")),
  RASH("Beauty", "Face Moisturizer", "skin rash", List.of("rash", "irritation", "skin"),
      List.of("Gave me a rash", "Skin irritation after one use", "Burning and redness",
          "Broke my skin out", "Caused an allergic reaction"),
      List.of("This moisturizer gave me a red, itchy rash on my cheeks.",
          "My skin started burning and the irritation lasted for days.",
          "I got a rash and bumps everywhere I applied it.",
          "Caused redness and irritation even on a small patch test.",
          "My face broke out in a rash the morning after using it.")),
  WHEELS("Toys", "Remote Control Car", "wheels falling off", List.of("wheels", "fell off", "axle"),
      List.of("Wheels fall off", "Wheel came off on day one", "Cheap axles",
          "Broke within an hour", "Front wheel keeps falling off"),
      List.of("The front wheels fell off within ten minutes of play.",
          "A wheel came off the axle and my son could not put it back.",
          "The axle snapped and the wheels keep falling off.",
          "Wheels pop off every time the car hits a wall.",
          "The back wheel fell off and the small parts are a choking hazard."));

  final String category;
  final String noun;
  final String fault;
  final List<String> keywords;
  final List<String> reviewTitles;
  final List<String> reviewSentences;

  DefectTheme(String category, String noun, String fault, List<String> keywords,
      List<String> reviewTitles, List<String> reviewSentences) {
    this.category = category;
    this.noun = noun;
    this.fault = fault;
    this.keywords = keywords;
    this.reviewTitles = reviewTitles;
    this.reviewSentences = reviewSentences;
  }

  /** The supplier's side of the story: emails that name the SKU and the same defect. */
  List<String[]> supplierEmails(String sku, String productName) {
    String first = reviewSentences.get(0);
    String quoted = Character.toLowerCase(first.charAt(0)) + first.substring(1);
    return List.of(
        new String[] {"Quality alert: " + sku + " " + productName,
            "Hello team, we received your return data for " + sku + " (" + productName + "). Our QA "
                + "lab reproduced the problem: " + quoted + " We are investigating the " + fault
                + " with the production line."},
        new String[] {"Re: " + sku + " customer complaints about the " + fault,
            "Following up on the complaints about " + productName + ". The " + fault + " traces "
                + "back to a component batch from our sub-supplier. Affected lots shipped between "
                + "March and September. " + reviewSentences.get(1)},
        new String[] {"Corrective action plan for " + sku,
            "Attached is our corrective action plan for " + productName + " (" + sku + "). The "
                + fault + " problem is addressed by a redesigned part and "
                + "extra inspection at end of line. We propose a credit for returned units."},
        new String[] {"Replacement units for " + sku,
            "We can ship replacement units of " + productName + " without the " + fault
                + " from next month. Please confirm quantities per region."});
  }
}
