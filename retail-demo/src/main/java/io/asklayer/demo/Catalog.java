package io.asklayer.demo;

import java.util.List;

/** The fixed vocabulary of the demo: regions, cities, the product catalogue, suppliers and names. */
final class Catalog {
  private Catalog() {
  }

  /** The five regions, in region_id order; their weights shape customers and therefore sales. */
  static final List<Region> REGIONS = List.of(
      new Region(1, "North", 0.24, List.of("Minneapolis", "Chicago", "Detroit", "Milwaukee",
          "Madison", "Fargo", "Green Bay", "Duluth")),
      new Region(2, "South", 0.21, List.of("Atlanta", "Houston", "Miami", "Nashville",
          "New Orleans", "Charlotte", "Tampa", "Birmingham")),
      new Region(3, "East", 0.26, List.of("New York", "Boston", "Philadelphia", "Baltimore",
          "Pittsburgh", "Hartford", "Providence", "Newark")),
      new Region(4, "West", 0.19, List.of("Seattle", "San Francisco", "Los Angeles", "Portland",
          "Denver", "San Diego", "Sacramento", "Salt Lake City")),
      new Region(5, "Central", 0.10, List.of("Kansas City", "St. Louis", "Omaha", "Oklahoma City",
          "Des Moines", "Wichita", "Tulsa", "Lincoln")));

  /** A region with its share of customers and the cities its stores are in. */
  record Region(int id, String name, double customerShare, List<String> cities) {
  }

  static final List<String> STORE_SUFFIXES = List.of(
      "Downtown", "Mall", "Outlet", "Plaza", "Crossing", "Market Street", "Riverside", "Commons");

  /** A product subcategory: the nouns its products are named after and its price band in USD. */
  record Subcategory(String name, List<String> nouns, double minPrice, double maxPrice) {
  }

  /** A category with its brands, its cost ratio (unit cost over list price) and subcategories. */
  record Category(String name, List<String> brands, double costRatio, double returnRate,
      List<Subcategory> subcategories) {
  }

  static final List<Category> CATEGORIES = List.of(
      new Category("Electronics", List.of("Voltix", "Auralis", "Nordbeam", "Kestrel Labs", "Pixelon"),
          0.62, 0.045, List.of(
          new Subcategory("Audio", List.of("Wireless Earbuds", "Over-Ear Headphones",
              "Bluetooth Speaker"), 39, 329),
          new Subcategory("Power & Charging", List.of("Power Bank", "Fast Wall Charger",
              "Charging Dock"), 19, 89),
          new Subcategory("Wearables", List.of("Smartwatch", "Fitness Tracker", "Sleep Band"),
              59, 399),
          new Subcategory("Smart Home", List.of("Smart Plug", "Security Camera", "Video Doorbell"),
              25, 249))),
      new Category("Apparel", List.of("Harbor & Pine", "Northloom", "Stridewell", "Cobalt Thread",
          "Maren"), 0.44, 0.085, List.of(
          new Subcategory("Outerwear", List.of("Puffer Jacket", "Rain Jacket", "Fleece Vest"),
              59, 279),
          new Subcategory("Activewear", List.of("Running Tights", "Training Tee", "Sports Bra"),
              19, 89),
          new Subcategory("Footwear", List.of("Trail Sneakers", "Leather Boots", "Canvas Slip-Ons"),
              49, 219),
          new Subcategory("Basics", List.of("Crew Socks 3-Pack", "Cotton Hoodie", "Chino Pants"),
              12, 79))),
      new Category("Home", List.of("Hearthly", "Oakline", "Casa Verde", "Brightnest"),
          0.50, 0.032, List.of(
          new Subcategory("Kitchen", List.of("Electric Kettle", "Countertop Blender",
              "Chef's Knife Set"), 29, 199),
          new Subcategory("Bedding", List.of("Duvet Cover Set", "Memory Foam Pillow",
              "Weighted Blanket"), 29, 189),
          new Subcategory("Decor", List.of("Table Lamp", "Wall Mirror", "Scented Candle"), 14, 159),
          new Subcategory("Storage", List.of("Stackable Bins", "Shoe Rack", "Closet Organizer"),
              15, 129))),
      new Category("Sports", List.of("Summitry", "Peakform", "Velocita", "Trailhawk"),
          0.50, 0.034, List.of(
          new Subcategory("Fitness", List.of("Yoga Mat", "Adjustable Dumbbells", "Resistance Bands"),
              15, 349),
          new Subcategory("Outdoor", List.of("Hiking Backpack", "Camping Tent", "Trekking Poles"),
              39, 329),
          new Subcategory("Cycling", List.of("Bike Helmet", "Bike Light Set", "Cycling Gloves"),
              19, 149),
          new Subcategory("Team Sports", List.of("Soccer Ball", "Basketball", "Training Cones"),
              12, 69))),
      new Category("Beauty", List.of("Lumea", "Velvetine", "Purity Lab", "Rosefield"),
          0.30, 0.022, List.of(
          new Subcategory("Skincare", List.of("Face Moisturizer", "Vitamin C Serum", "Night Cream"),
              14, 89),
          new Subcategory("Haircare", List.of("Argan Shampoo", "Repair Hair Mask", "Styling Cream"),
              9, 49),
          new Subcategory("Makeup", List.of("Matte Lipstick", "Liquid Foundation", "Volume Mascara"),
              9, 59),
          new Subcategory("Fragrance", List.of("Eau de Parfum", "Body Mist", "Cologne"), 19, 149))),
      new Category("Toys", List.of("Playwise", "Tinkerbox", "Little Giants", "Wondertoy"),
          0.48, 0.030, List.of(
          new Subcategory("Building Sets", List.of("Castle Building Kit", "Space Station Set",
              "Marble Run"), 24, 149),
          new Subcategory("Vehicles", List.of("Remote Control Car", "Wooden Train Set",
              "Monster Truck"), 19, 129),
          new Subcategory("Games & Puzzles", List.of("1000-Piece Puzzle", "Family Board Game",
              "Card Game"), 9, 59),
          new Subcategory("Plush", List.of("Teddy Bear", "Plush Dinosaur", "Unicorn Plush"),
              12, 49))));

  static final List<String> DESCRIPTORS = List.of(
      "Classic", "Pro", "Essential", "Ultra", "Everyday", "Premium", "Lite", "Max", "Eco",
      "Signature", "Sport", "Urban");

  static final List<String> MODEL_SUFFIXES = List.of("II", "X", "S", "2", "Plus", "Air", "3", "Go");

  /** A supplier: its name, country and the category of goods it makes. */
  record Supplier(String name, String country, String category) {
  }

  static final List<Supplier> SUPPLIERS = List.of(
      new Supplier("Shenzhen Brightway Electronics", "China", "Electronics"),
      new Supplier("Guangzhou Apex Manufacturing", "China", "Electronics"),
      new Supplier("Ningbo Harbor Industrial", "China", "Home"),
      new Supplier("Saigon Textile Works", "Vietnam", "Apparel"),
      new Supplier("Hanoi Precision Goods", "Vietnam", "Sports"),
      new Supplier("Dhaka Garment Partners", "Bangladesh", "Apparel"),
      new Supplier("Chittagong Knitwear", "Bangladesh", "Apparel"),
      new Supplier("Monterrey Home Products", "Mexico", "Home"),
      new Supplier("Guadalajara Crafts Cooperative", "Mexico", "Home"),
      new Supplier("Bavaria Kitchenware GmbH", "Germany", "Home"),
      new Supplier("Rhine Outdoor Equipment", "Germany", "Sports"),
      new Supplier("Lombardy Cosmetics S.p.A.", "Italy", "Beauty"),
      new Supplier("Tuscany Leather Group", "Italy", "Apparel"),
      new Supplier("Osaka Fine Instruments", "Japan", "Electronics"),
      new Supplier("Busan Active Gear", "South Korea", "Sports"),
      new Supplier("Seoul Beauty Labs", "South Korea", "Beauty"),
      new Supplier("Taichung Cycle Components", "Taiwan", "Sports"),
      new Supplier("Hsinchu Smart Devices", "Taiwan", "Electronics"),
      new Supplier("Izmir Cotton Mills", "Turkey", "Apparel"),
      new Supplier("Pune Home Textiles", "India", "Home"),
      new Supplier("Chennai Toy Works", "India", "Toys"),
      new Supplier("Ohio Valley Plastics", "USA", "Toys"),
      new Supplier("Carolina Bedding Company", "USA", "Home"),
      new Supplier("Great Lakes Sporting Goods", "USA", "Sports"),
      new Supplier("Pacific Rim Toys", "USA", "Toys"),
      new Supplier("Quebec Outerwear Inc.", "Canada", "Apparel"),
      new Supplier("Ontario Fragrance House", "Canada", "Beauty"),
      new Supplier("Lyon Parfums SARL", "France", "Beauty"),
      new Supplier("Porto Footwear Lda", "Portugal", "Apparel"),
      new Supplier("Penang Circuit Assembly", "Malaysia", "Electronics"),
      new Supplier("Dongguan Playthings Co.", "China", "Toys"));

  static final List<String> FIRST_NAMES = List.of(
      "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David",
      "Elizabeth", "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah",
      "Carlos", "Karen", "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra",
      "Donald", "Ashley", "Steven", "Emily", "Andrew", "Kimberly", "Joshua", "Donna", "Kenneth",
      "Michelle", "Kevin", "Carol", "Brian", "Amanda", "Wei", "Priya", "Mohammed", "Sofia", "Hiro",
      "Aisha", "Diego", "Olga", "Liam", "Noah", "Emma", "Olivia", "Ava", "Mia", "Lucas", "Mateo",
      "Chloe", "Zoe", "Ethan", "Grace", "Isaac", "Layla", "Omar", "Nora");

  static final List<String> LAST_NAMES = List.of(
      "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
      "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor",
      "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez",
      "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright",
      "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall",
      "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Chen", "Patel", "Kim", "Singh",
      "Kowalski", "Novak", "Schmidt", "Rossi", "Dubois", "Yamamoto", "Okafor", "Haddad");

  /** Job titles with how many work in each region and their salary band in USD. */
  record Job(String title, int perRegion, double minSalary, double maxSalary) {
  }

  static final List<Job> JOBS = List.of(
      new Job("Regional Manager", 1, 125_000, 165_000),
      new Job("Store Manager", 4, 68_000, 92_000),
      new Job("Assistant Store Manager", 4, 48_000, 62_000),
      new Job("Sales Associate", 14, 29_000, 39_000),
      new Job("Cashier", 6, 26_000, 33_000),
      new Job("Inventory Specialist", 3, 36_000, 47_000),
      new Job("Visual Merchandiser", 2, 40_000, 55_000),
      new Job("Customer Service Representative", 4, 33_000, 44_000),
      new Job("E-commerce Analyst", 1, 72_000, 98_000),
      new Job("HR Business Partner", 1, 70_000, 90_000));
}
