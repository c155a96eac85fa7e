-- The retail demo warehouse, DESIGN section 4. Names and types are a contract.
CREATE TABLE regions (
  region_id INTEGER NOT NULL PRIMARY KEY,
  region_name VARCHAR NOT NULL
);
CREATE TABLE stores (
  store_id INTEGER NOT NULL PRIMARY KEY,
  store_name VARCHAR NOT NULL,
  region_id INTEGER NOT NULL,
  city VARCHAR NOT NULL,
  opened_date DATE NOT NULL
);
CREATE TABLE suppliers (
  supplier_id INTEGER NOT NULL PRIMARY KEY,
  supplier_name VARCHAR NOT NULL,
  country VARCHAR NOT NULL
);
CREATE TABLE product_master (
  sku VARCHAR NOT NULL PRIMARY KEY,
  product_name VARCHAR NOT NULL UNIQUE,
  category VARCHAR NOT NULL,
  subcategory VARCHAR NOT NULL,
  brand VARCHAR NOT NULL,
  supplier_id INTEGER NOT NULL,
  unit_cost DECIMAL(12,2) NOT NULL,
  list_price DECIMAL(12,2) NOT NULL
);
CREATE TABLE customers (
  customer_id INTEGER NOT NULL PRIMARY KEY,
  customer_name VARCHAR NOT NULL,
  email VARCHAR NOT NULL,
  segment VARCHAR NOT NULL,
  region_id INTEGER NOT NULL,
  signup_date DATE NOT NULL
);
CREATE TABLE fx_rates (
  currency VARCHAR NOT NULL,
  rate_date DATE NOT NULL,
  usd_per_unit DECIMAL(12,6) NOT NULL,
  PRIMARY KEY (currency, rate_date)
);
CREATE TABLE sales_transactions (
  order_id VARCHAR NOT NULL,
  line_number INTEGER NOT NULL,
  order_date DATE NOT NULL,
  date_key INTEGER NOT NULL,
  region_id INTEGER NOT NULL,
  store_id INTEGER,
  channel VARCHAR NOT NULL,
  customer_id INTEGER NOT NULL,
  sku VARCHAR NOT NULL,
  quantity INTEGER NOT NULL,
  unit_price DECIMAL(12,2) NOT NULL,
  discount DECIMAL(5,4) NOT NULL,
  currency VARCHAR NOT NULL
);
CREATE TABLE "returns" (
  return_id INTEGER NOT NULL PRIMARY KEY,
  order_id VARCHAR NOT NULL,
  line_number INTEGER NOT NULL,
  sku VARCHAR NOT NULL,
  return_date DATE NOT NULL,
  quantity INTEGER NOT NULL,
  reason VARCHAR NOT NULL
);
CREATE TABLE employees (
  employee_id INTEGER NOT NULL PRIMARY KEY,
  employee_name VARCHAR NOT NULL,
  region_id INTEGER NOT NULL,
  job_title VARCHAR NOT NULL,
  salary DECIMAL(12,2) NOT NULL
);
CREATE TABLE product_reviews (
  review_id INTEGER NOT NULL PRIMARY KEY,
  sku VARCHAR NOT NULL,
  customer_id INTEGER NOT NULL,
  review_date DATE NOT NULL,
  rating INTEGER NOT NULL,
  title VARCHAR NOT NULL,
  body VARCHAR NOT NULL
);
CREATE TABLE policy_documents (
  doc_id INTEGER NOT NULL PRIMARY KEY,
  title VARCHAR NOT NULL,
  body VARCHAR NOT NULL,
  region_id INTEGER,
  effective_date DATE NOT NULL
);
CREATE TABLE supplier_emails (
  email_id INTEGER NOT NULL PRIMARY KEY,
  supplier_id INTEGER NOT NULL,
  sent_date DATE NOT NULL,
  subject VARCHAR NOT NULL,
  body VARCHAR NOT NULL
);
