package io.asklayer.demo;

import java.util.List;
import java.util.Map;

/**
 * The words of the demo's documents. Generic review phrases deliberately avoid every planted defect's
 * keywords (see {@link DefectTheme}), so that evidence of a defect is found only where it was planted.
 */
final class Texts {
  private Texts() {
  }

  /** Review phrase pools by name; {@code {product}} is replaced with the product's name. */
  static final Map<String, List<String>> REVIEW_POOLS = Map.ofEntries(
      Map.entry("title:positive", List.of("Love it", "Great value", "Exactly what I needed",
          "Highly recommend", "Five stars", "Better than expected", "Solid purchase",
          "Would buy again")),
      Map.entry("title:neutral", List.of("It's okay", "Does the job", "Average at best",
          "Decent for the price", "Mixed feelings", "Not bad, not great")),
      Map.entry("title:negative", List.of("Disappointed", "Not worth the money",
          "Would not buy again", "Poor quality", "Sent it back", "Not as pictured")),
      Map.entry("open:positive", List.of(
          "I bought the {product} for my family and we use it every day.",
          "The {product} arrived quickly and was well packaged.",
          "I have tried a few brands and the {product} is the best so far.",
          "Picked up the {product} on sale and I am very happy with it.",
          "This is my second {product} and it is just as good as the first.")),
      Map.entry("detail:positive", List.of("Quality feels premium for the price.",
          "It looks exactly like the photos.", "Setup took less than five minutes.",
          "It is comfortable and well made.", "The color is even nicer in person.",
          "Sturdy build and a clean design.")),
      Map.entry("close:positive", List.of("Would definitely buy again.",
          "Highly recommend it to anyone.", "Great value overall.", "Five stars from me.")),
      Map.entry("open:neutral", List.of("The {product} is fine for everyday use.",
          "I have had the {product} for a month now.", "The {product} does what it says.")),
      Map.entry("detail:neutral", List.of("Nothing special, but it works.",
          "The finish is a bit cheap in places.", "It is smaller than I expected.",
          "The instructions could be clearer.", "The color is a shade darker than shown.")),
      Map.entry("close:neutral", List.of("Decent for the price.",
          "Might look for something better next time.", "Okay overall.")),
      Map.entry("open:negative", List.of("I was excited about the {product} but it let me down.",
          "The {product} did not live up to the description.", "I regret buying the {product}.")),
      Map.entry("detail:negative", List.of("Delivery took almost three weeks.",
          "The color is completely different from the pictures.", "It feels flimsy and cheap.",
          "Customer service never answered my emails.", "The packaging arrived crushed.",
          "It is far too expensive for what you get.")),
      Map.entry("close:negative", List.of("I would not buy it again.", "Returned it for a refund.",
          "Look elsewhere.", "Very disappointed.")));

  /** A policy document: title, body, region id (null for all regions) and effective date. */
  record Policy(String title, String body, Integer regionId, String effectiveDate) {
  }

  static final List<Policy> POLICIES = List.of(
      new Policy("Return Policy",
          "Most items may be returned within 30 days of delivery for a full refund to the original "
              + "payment method. Items must be unused and in their original packaging, with the receipt "
              + "or order number. Defective items may be returned within 90 days and are replaced or "
              + "refunded at the customer's choice. Opened beauty products can be returned only if "
              + "defective or if they caused an allergic reaction.", null, "2023-01-01"),
      new Policy("Holiday Return Extension",
          "Purchases made between November 1 and December 24 may be returned until January 31 of the "
              + "following year. The extension applies to all channels, including marketplace orders.",
          null, "2023-10-15"),
      new Policy("Defective Product Policy",
          "If a product is defective, customers receive a free replacement or a full refund, and we "
              + "pay return shipping. Stores log the defect reason so suppliers can be notified. Repeated "
              + "defects on one SKU trigger a quality review with the supplier.", null, "2023-03-01"),
      new Policy("Electronics Warranty",
          "Electronics carry a one-year limited warranty from the date of purchase covering "
              + "manufacturing defects, including batteries that no longer hold a charge. Accidental "
              + "damage is not covered. Keep the receipt as proof of purchase.", null, "2023-01-01"),
      new Policy("Apparel Sizing and Exchanges",
          "Apparel and footwear may be exchanged for another size free of charge within 45 days. "
              + "Worn, washed or altered items cannot be returned unless defective, for example a broken "
              + "zipper or failed seam.", null, "2023-02-01"),
      new Policy("Damaged in Transit Claims",
          "Report items damaged in transit within 7 days of delivery with photos of the package. We "
              + "send a replacement at no cost and file the carrier claim ourselves.", null, "2023-01-01"),
      new Policy("Price Match Guarantee",
          "We match the price of identical items sold by major retailers within 14 days of purchase. "
              + "Marketplace sellers and clearance prices are excluded.", null, "2024-01-01"),
      new Policy("Shipping Policy",
          "Standard shipping is free on orders over $50 and takes 3 to 7 business days. Express "
              + "shipping takes 1 to 2 business days. Orders placed through Amazon follow Amazon's "
              + "delivery terms.", null, "2023-01-01"),
      new Policy("Marketplace Orders",
          "Orders placed on Amazon are returned through Amazon's return center. Shopify and Magento "
              + "orders are returned to us directly using the prepaid label in the order email.",
          null, "2023-06-01"),
      new Policy("Toy Safety Recalls",
          "When a toy is recalled for a safety hazard such as small parts that come loose, customers "
              + "receive a full refund without a receipt and the item is removed from sale in all "
              + "channels.", null, "2024-04-01"),
      new Policy("Loyalty Program Terms",
          "Members earn one point per dollar spent. Points expire after 18 months without a purchase "
              + "and cannot be redeemed for gift cards.", null, "2023-05-01"),
      new Policy("North Region Winter Gear Returns",
          "In the North region, outerwear and winter sports gear bought between October and February "
              + "may be returned within 60 days, because cold weather arrives late some years.",
          1, "2023-09-01"),
      new Policy("North Region Store Pickup",
          "North region stores hold online orders for pickup for 10 days. Uncollected orders are "
              + "refunded automatically.", 1, "2024-02-01"),
      new Policy("South Region Hurricane Season Policy",
          "During declared hurricane emergencies, South region stores extend return windows by 30 "
              + "days and waive restocking fees.", 2, "2023-06-01"),
      new Policy("East Region Restocking Fee",
          "East region stores charge a 10% restocking fee on opened electronics returned without a "
              + "defect.", 3, "2024-07-01"),
      new Policy("West Region Refund Rules",
          "In the West region, refunds for returned items are issued within 5 business days and "
              + "store credit is never forced on a customer who asks for cash.", 4, "2023-01-01"),
      new Policy("West Region Outdoor Gear Trial",
          "West region customers may return camping and hiking gear within 45 days even if used "
              + "outdoors once.", 4, "2024-03-15"),
      new Policy("Central Region Rural Delivery",
          "Central region customers outside metro areas receive free standard shipping with no "
              + "minimum order.", 5, "2024-01-15"),
      new Policy("Central Region Returns by Mail",
          "Central region customers may return store purchases by mail with a prepaid label.",
          5, "2025-02-01"));

  /** Routine supplier email templates; {supplier}, {brand}, {po} and {country} are filled in. */
  static final List<String[]> ROUTINE_EMAILS = List.of(
      new String[] {"Shipment {po} has departed",
          "Dear buyer, purchase order {po} left our warehouse today and is expected at your "
              + "distribution center in three weeks. The packing list for {brand} items is attached."},
      new String[] {"Price update for next season",
          "Please note that raw material costs in {country} have risen. We propose a 3% increase on "
              + "{brand} items from next quarter and are open to discuss volume commitments."},
      new String[] {"Peak season capacity",
          "We have reserved extra production capacity for the holiday season. Please confirm your "
              + "{brand} forecast for October through December by the end of the month."},
      new String[] {"Holiday closure notice",
          "Our factory will be closed for two weeks for the national holiday. Orders placed during "
              + "the closure will ship when we reopen."},
      new String[] {"Invoice for purchase order {po}",
          "Attached is the invoice for purchase order {po}. Payment terms are net 60 as agreed."},
      new String[] {"New samples available",
          "We have new {brand} samples for the upcoming season. Let us know where to send them for "
              + "your merchandising team to review."},
      new String[] {"Freight delay for {po}",
          "Congestion at the port has delayed order {po} by about one week. We apologize for the "
              + "inconvenience and will share the new arrival date soon."},
      new String[] {"Packaging change",
          "From next month {brand} products will ship in recycled cardboard packaging without plastic "
              + "inserts. Dimensions and case packs are unchanged."});
}
