-- Statements run as north_manager, each compared with DuckDB running the same statement with the
-- North filter applied by hand. Placeholders: {sales} {stores} {customers} {returns} {reviews}
-- {policies} are the secured tables; {r} is a region id and {region} its name, each line with {r}
-- or {region} runs once per region (1..5). "A ||| B" runs A through Asklayer and B on DuckDB.
-- Plain scans and aggregates
SELECT COUNT(*) FROM {sales} s
SELECT COUNT(*), SUM(s.quantity), MIN(s.order_date), MAX(s.order_date) FROM {sales} s
SELECT s.region_id, COUNT(*) FROM {sales} s GROUP BY s.region_id
SELECT DISTINCT s.region_id FROM {sales} s
SELECT s.channel, SUM(s.quantity) FROM {sales} s GROUP BY s.channel
SELECT COUNT(*) FROM {stores} st
SELECT st.region_id, COUNT(*) FROM {stores} st GROUP BY 1
SELECT st.store_name FROM {stores} st ORDER BY st.store_name
SELECT COUNT(*) FROM {customers} c
SELECT c.region_id, c.segment, COUNT(*) FROM {customers} c GROUP BY 1, 2
SELECT COUNT(*) FROM {returns} rt
SELECT rt.reason, SUM(rt.quantity) FROM {returns} rt GROUP BY 1
SELECT COUNT(*) FROM {reviews} v
SELECT v.rating, COUNT(*) FROM {reviews} v GROUP BY 1
SELECT COUNT(*) FROM {policies} d
SELECT d.title FROM {policies} d ORDER BY d.doc_id
SELECT COUNT(*) FROM regions
SELECT COUNT(*) FROM product_master
SELECT COUNT(*) FROM fx_rates
SELECT COUNT(*) FROM suppliers
-- Probing each region
SELECT COUNT(*) FROM {sales} s WHERE s.region_id = {r}
SELECT SUM(s.quantity * s.unit_price) FROM {sales} s WHERE s.region_id = {r}
SELECT COUNT(*) FROM {sales} s JOIN regions g ON g.region_id = s.region_id WHERE g.region_name = '{region}'
SELECT COUNT(*) FROM {stores} st WHERE st.region_id = {r}
SELECT COUNT(*) FROM {customers} c WHERE c.region_id = {r}
SELECT COUNT(*) FROM {returns} rt JOIN {sales} s ON s.order_id = rt.order_id AND s.line_number = rt.line_number WHERE s.region_id = {r}
SELECT COUNT(*) FROM {returns} rt JOIN sales_transactions s ON s.order_id = rt.order_id AND s.line_number = rt.line_number WHERE s.region_id = {r} ||| SELECT COUNT(*) FROM {returns} rt JOIN {sales} s ON s.order_id = rt.order_id AND s.line_number = rt.line_number WHERE s.region_id = {r}
SELECT COUNT(*) FROM {reviews} v JOIN {customers} c ON c.customer_id = v.customer_id WHERE c.region_id = {r}
SELECT COUNT(*) FROM {policies} d WHERE d.region_id = {r}
SELECT COUNT(*) FROM {sales} s WHERE s.region_id <> {r}
SELECT COUNT(*) FROM {sales} s WHERE s.region_id = {r} OR 1 = 1
SELECT COUNT(*) FROM {sales} s WHERE NOT (s.region_id = {r})
SELECT COUNT(*) FROM {sales} s WHERE s.region_id IN ({r}, 2, 3)
SELECT CASE WHEN (SELECT COUNT(*) FROM {sales} s WHERE s.region_id = {r}) > 0 THEN 'yes' ELSE 'no' END
SELECT (SELECT COUNT(*) FROM {customers} c WHERE c.region_id = {r}) + (SELECT COUNT(*) FROM {stores} st WHERE st.region_id = {r})
SELECT g.region_name, (SELECT COUNT(*) FROM {sales} s WHERE s.region_id = g.region_id) FROM regions g WHERE g.region_id = {r}
SELECT region, AGGREGATE(revenue) FROM semantic.sales WHERE region = '{region}' GROUP BY region ||| SELECT g.region_name, ROUND(SUM(s.quantity * s.unit_price * (1 - s.discount) * f.usd_per_unit), 2) FROM {sales} s JOIN fx_rates f ON f.currency = s.currency AND f.rate_date = s.order_date JOIN regions g ON g.region_id = s.region_id WHERE g.region_name = '{region}' GROUP BY 1
SELECT * FROM TABLE(metric_query('metrics: units_sold, order_count | where: region = {region}')) ||| SELECT COALESCE(SUM(s.quantity), 0), COUNT(DISTINCT s.order_id) FROM {sales} s JOIN regions g ON g.region_id = s.region_id WHERE g.region_name = '{region}'
SELECT * FROM TABLE(metric_query('metrics: customer_count | where: region = {region}')) ||| SELECT COUNT(DISTINCT s.customer_id) FROM {sales} s JOIN regions g ON g.region_id = s.region_id WHERE g.region_name = '{region}'
-- Joins of every kind
SELECT g.region_name, COUNT(*) FROM {sales} s JOIN regions g ON g.region_id = s.region_id GROUP BY 1
SELECT g.region_name, COUNT(s.order_id) FROM regions g LEFT JOIN {sales} s ON s.region_id = g.region_id GROUP BY 1
SELECT g.region_name, COUNT(s.order_id) FROM {sales} s RIGHT JOIN regions g ON s.region_id = g.region_id GROUP BY 1
SELECT g.region_name, COUNT(st.store_id) FROM regions g FULL JOIN {stores} st ON st.region_id = g.region_id GROUP BY 1
SELECT st.city, COUNT(*) FROM {sales} s JOIN {stores} st ON st.store_id = s.store_id GROUP BY 1
SELECT st.city, COUNT(*) FROM sales_transactions s JOIN stores st ON st.store_id = s.store_id GROUP BY 1 ||| SELECT st.city, COUNT(*) FROM {sales} s JOIN {stores} st ON st.store_id = s.store_id GROUP BY 1
SELECT c.segment, COUNT(*) FROM {sales} s JOIN {customers} c ON c.customer_id = s.customer_id GROUP BY 1
SELECT p.category, SUM(rt.quantity) FROM {returns} rt JOIN product_master p ON p.sku = rt.sku GROUP BY 1
SELECT p.category, AVG(v.rating) FROM {reviews} v JOIN product_master p ON p.sku = v.sku GROUP BY 1
SELECT su.country, COUNT(*) FROM {sales} s JOIN product_master p ON p.sku = s.sku JOIN suppliers su ON su.supplier_id = p.supplier_id GROUP BY 1
SELECT COUNT(*) FROM {sales} a JOIN {sales} b ON a.order_id = b.order_id AND a.line_number = b.line_number
SELECT COUNT(*) FROM {sales} s CROSS JOIN regions g WHERE g.region_id = s.region_id
SELECT COUNT(*) FROM {sales} s, {stores} st WHERE s.store_id = st.store_id
SELECT COUNT(*) FROM {customers} c JOIN {reviews} v USING (customer_id)
SELECT COUNT(*) FROM {stores} st NATURAL JOIN regions
-- Sub-queries in SELECT, WHERE and HAVING
SELECT COUNT(*) FROM {customers} c WHERE c.customer_id IN (SELECT s.customer_id FROM {sales} s)
SELECT COUNT(*) FROM customers c WHERE c.customer_id IN (SELECT s.customer_id FROM sales_transactions s) ||| SELECT COUNT(*) FROM {customers} c WHERE c.customer_id IN (SELECT s.customer_id FROM {sales} s)
SELECT COUNT(*) FROM {customers} c WHERE c.customer_id NOT IN (SELECT s.customer_id FROM {sales} s WHERE s.channel = 'Amazon')
SELECT COUNT(*) FROM {customers} c WHERE EXISTS (SELECT 1 FROM {sales} s WHERE s.customer_id = c.customer_id AND s.channel = 'Store')
SELECT COUNT(*) FROM {customers} c WHERE NOT EXISTS (SELECT 1 FROM {reviews} v WHERE v.customer_id = c.customer_id)
SELECT COUNT(*) FROM product_master p WHERE EXISTS (SELECT 1 FROM {sales} s WHERE s.sku = p.sku AND s.quantity > 8)
SELECT COUNT(*) FROM product_master p WHERE p.sku IN (SELECT rt.sku FROM {returns} rt WHERE rt.reason = 'Defective')
SELECT p.sku, (SELECT SUM(s.quantity) FROM {sales} s WHERE s.sku = p.sku) AS u FROM product_master p ORDER BY p.sku LIMIT 20
SELECT g.region_name, (SELECT MAX(s.order_date) FROM {sales} s WHERE s.region_id = g.region_id) FROM regions g
SELECT s.channel, COUNT(*) FROM {sales} s GROUP BY s.channel HAVING COUNT(*) > (SELECT COUNT(*) / 10 FROM {sales} x)
SELECT s.sku FROM {sales} s GROUP BY s.sku HAVING SUM(s.quantity) > (SELECT AVG(q) FROM (SELECT SUM(y.quantity) AS q FROM {sales} y GROUP BY y.sku) t) ORDER BY s.sku
SELECT COUNT(*) FROM {sales} s WHERE s.quantity > (SELECT AVG(x.quantity) FROM {sales} x)
SELECT COUNT(*) FROM {sales} s WHERE s.customer_id = ANY (SELECT c.customer_id FROM {customers} c WHERE c.segment = 'Corporate')
SELECT COUNT(*) FROM (SELECT * FROM (SELECT * FROM {sales} s) t1) t2
-- Common table expressions (WITH RECURSIVE is refused; see StatementGuardTest)
WITH t AS (SELECT s.channel, SUM(s.quantity) AS q FROM {sales} s GROUP BY s.channel) SELECT * FROM t
WITH t AS (SELECT * FROM {customers} c) SELECT COUNT(*), COUNT(DISTINCT region_id) FROM t
WITH a AS (SELECT customer_id FROM {sales} s), b AS (SELECT customer_id FROM {reviews} v) SELECT COUNT(*) FROM a JOIN b USING (customer_id)
WITH t AS (SELECT region_id FROM {stores} st) SELECT region_id, COUNT(*) FROM t GROUP BY 1
WITH n(i) AS (VALUES (1), (2), (3), (4), (5)) SELECT n.i, (SELECT COUNT(*) FROM {sales} s WHERE s.line_number = n.i) FROM n
WITH n(i) AS (VALUES (1), (2), (3), (4), (5)) SELECT n.i, (SELECT COUNT(*) FROM {customers} c WHERE c.region_id = n.i) FROM n
-- Set operations
SELECT s.customer_id FROM {sales} s UNION SELECT v.customer_id FROM {reviews} v
SELECT s.region_id FROM {sales} s UNION ALL SELECT g.region_id FROM regions g
SELECT c.customer_id FROM {customers} c INTERSECT SELECT s.customer_id FROM {sales} s
SELECT c.customer_id FROM {customers} c EXCEPT SELECT s.customer_id FROM {sales} s
SELECT g.region_id FROM regions g EXCEPT SELECT s.region_id FROM {sales} s
SELECT st.region_id FROM {stores} st INTERSECT SELECT g.region_id FROM regions g
SELECT COUNT(*) FROM (SELECT order_id FROM {sales} s UNION SELECT order_id FROM {returns} rt) t
-- Window functions
SELECT c.customer_id, ROW_NUMBER() OVER (ORDER BY c.customer_id) FROM {customers} c ORDER BY 1 LIMIT 50
SELECT s.region_id, s.channel, SUM(SUM(s.quantity)) OVER (PARTITION BY s.region_id) FROM {sales} s GROUP BY 1, 2
SELECT g.region_name, RANK() OVER (ORDER BY COUNT(*) DESC) FROM {sales} s JOIN regions g ON g.region_id = s.region_id GROUP BY 1
SELECT COUNT(*) OVER () FROM {stores} st
SELECT c.region_id, COUNT(*) OVER (PARTITION BY c.region_id) FROM {customers} c ORDER BY c.customer_id LIMIT 10
-- Lateral
SELECT g.region_name, t.c FROM regions g, LATERAL (SELECT COUNT(*) AS c FROM {sales} s WHERE s.region_id = g.region_id) t
SELECT g.region_name, t.c FROM regions g CROSS JOIN LATERAL (SELECT COUNT(*) AS c FROM {stores} st WHERE st.region_id = g.region_id) t
-- Semantic tables and metric queries
SELECT region, AGGREGATE(revenue) FROM semantic.sales GROUP BY region ||| SELECT g.region_name, ROUND(SUM(s.quantity * s.unit_price * (1 - s.discount) * f.usd_per_unit), 2) FROM {sales} s JOIN fx_rates f ON f.currency = s.currency AND f.rate_date = s.order_date JOIN regions g ON g.region_id = s.region_id GROUP BY 1
SELECT AGGREGATE(units_sold) FROM semantic.sales ||| SELECT SUM(s.quantity) FROM {sales} s
SELECT channel, SUM(units_sold) FROM semantic.sales GROUP BY channel ||| SELECT s.channel, SUM(s.quantity) FROM {sales} s GROUP BY 1
SELECT city, AGGREGATE(order_count) FROM semantic.sales GROUP BY city ||| SELECT st.city, COUNT(DISTINCT s.order_id) FROM {sales} s JOIN {stores} st ON st.store_id = s.store_id GROUP BY 1
SELECT customer_segment, AGGREGATE(customer_count) FROM semantic.sales GROUP BY 1 ||| SELECT c.segment, COUNT(DISTINCT s.customer_id) FROM {sales} s JOIN {customers} c ON c.customer_id = s.customer_id GROUP BY 1
SELECT AGGREGATE(returned_units) FROM semantic.returns ||| SELECT SUM(rt.quantity) FROM {returns} rt JOIN {sales} s ON s.order_id = rt.order_id AND s.line_number = rt.line_number
SELECT AGGREGATE(average_rating) FROM semantic.reviews ||| SELECT AVG(v.rating) FROM {reviews} v
SELECT category, AGGREGATE(average_rating) FROM semantic.reviews GROUP BY 1 ||| SELECT p.category, AVG(v.rating) FROM {reviews} v JOIN product_master p ON p.sku = v.sku GROUP BY 1
SELECT * FROM TABLE(metric_query('metrics: revenue | by: region')) ||| SELECT g.region_name, ROUND(SUM(s.quantity * s.unit_price * (1 - s.discount) * f.usd_per_unit), 2) FROM {sales} s JOIN fx_rates f ON f.currency = s.currency AND f.rate_date = s.order_date JOIN regions g ON g.region_id = s.region_id GROUP BY 1
SELECT * FROM TABLE(metric_query('metrics: return_rate')) ||| SELECT (SELECT SUM(rt.quantity) FROM {returns} rt) * 1.0 / (SELECT SUM(s.quantity) FROM {sales} s)
SELECT * FROM TABLE(metric_query('metrics: units_sold | by: channel | time: 2024-01-01..2025-01-01')) ||| SELECT s.channel, SUM(s.quantity) FROM {sales} s WHERE s.order_date >= DATE '2024-01-01' AND s.order_date < DATE '2025-01-01' GROUP BY 1
SELECT m.region, m.revenue, g.region_id FROM TABLE(metric_query('metrics: revenue | by: region')) m JOIN regions g ON g.region_name = m.region ||| SELECT g.region_name, ROUND(SUM(s.quantity * s.unit_price * (1 - s.discount) * f.usd_per_unit), 2), g.region_id FROM {sales} s JOIN fx_rates f ON f.currency = s.currency AND f.rate_date = s.order_date JOIN regions g ON g.region_id = s.region_id GROUP BY 1, 3
-- Injection payload families: UNION-based, comments, quoting, qualification, boolean probes
SELECT g.region_name FROM regions g WHERE g.region_name = 'x' UNION ALL SELECT CAST(COUNT(*) AS VARCHAR) FROM {sales} s
SELECT g.region_name FROM regions g WHERE g.region_name = '' OR '1' = '1' UNION SELECT CAST(SUM(s.quantity) AS VARCHAR) FROM {sales} s
SELECT COUNT(*) FROM {sales} s -- WHERE s.region_id = 1
SELECT COUNT(*) FROM {sales} s /* WHERE s.region_id = 1 */ WHERE 1 = 1
SELECT COUNT(*) FROM "sales_transactions" s ||| SELECT COUNT(*) FROM {sales} s
SELECT COUNT(*) FROM retail.sales_transactions s ||| SELECT COUNT(*) FROM {sales} s
SELECT COUNT(*) FROM "retail"."customers" c ||| SELECT COUNT(*) FROM {customers} c
SELECT COUNT(*) FROM RETURNS rt ||| SELECT COUNT(*) FROM {returns} rt
SELECT COUNT(*) FROM Product_Reviews v ||| SELECT COUNT(*) FROM {reviews} v
SELECT COUNT(*) FROM {sales} s WHERE s.region_id = 2 OR s.region_id IS NULL OR TRUE
SELECT COUNT(*) FROM {sales} s WHERE (s.region_id = 1) = FALSE
SELECT COUNT(*) FROM {sales} s WHERE s.region_id BETWEEN 2 AND 5
SELECT COUNT(*) FROM {sales} s WHERE CAST(s.region_id AS VARCHAR) LIKE '%'
SELECT COUNT(*) FROM {customers} c WHERE c.region_id > 1 OR c.region_id < 1
SELECT MAX(c.region_id), MIN(c.region_id) FROM {customers} c
SELECT COUNT(*) FROM {policies} d WHERE d.region_id IS NOT NULL AND d.region_id <> 1
SELECT d.doc_id, d.region_id FROM {policies} d ORDER BY d.doc_id
SELECT COUNT(*) FROM {reviews} v WHERE v.customer_id NOT IN (SELECT c.customer_id FROM {customers} c)
SELECT COUNT(*) FROM {returns} rt WHERE rt.order_id NOT IN (SELECT s.order_id FROM {sales} s)
SELECT 'x' AS probe FROM regions g WHERE EXISTS (SELECT 1 FROM {sales} s WHERE s.region_id = 3) AND g.region_id = 1
SELECT COUNT(*) FROM {sales} s WHERE s.customer_id IN (SELECT c.customer_id FROM customers c WHERE c.region_id = 2) ||| SELECT COUNT(*) FROM {sales} s WHERE s.customer_id IN (SELECT c.customer_id FROM {customers} c WHERE c.region_id = 2)
SELECT COUNT(*) FROM {sales} s JOIN {customers} c ON c.customer_id = s.customer_id WHERE c.region_id <> s.region_id
SELECT SUM(x.n) FROM (SELECT COUNT(*) AS n FROM {sales} s UNION ALL SELECT COUNT(*) FROM {returns} rt UNION ALL SELECT COUNT(*) FROM {reviews} v) x
-- More probes, once per region
SELECT COUNT(DISTINCT s.customer_id) FROM {sales} s JOIN {customers} c ON c.customer_id = s.customer_id WHERE c.region_id = {r}
SELECT COUNT(*) FROM {sales} s WHERE s.store_id IN (SELECT st.store_id FROM stores st WHERE st.region_id = {r}) ||| SELECT COUNT(*) FROM {sales} s WHERE s.store_id IN (SELECT st.store_id FROM {stores} st WHERE st.region_id = {r})
SELECT COUNT(*) FROM {returns} rt WHERE EXISTS (SELECT 1 FROM {sales} s WHERE s.order_id = rt.order_id AND s.region_id = {r})
SELECT * FROM TABLE(metric_query('metrics: returned_units | where: region = {region}')) ||| SELECT COALESCE(SUM(rt.quantity), 0) FROM {returns} rt JOIN {sales} s ON s.order_id = rt.order_id AND s.line_number = rt.line_number JOIN regions g ON g.region_id = s.region_id WHERE g.region_name = '{region}'
