-- Products: a name, an uploaded document (in bucket product-files) and the text drawn from it.

CREATE TABLE products (
  id TEXT PRIMARY KEY,
  company_id TEXT NOT NULL REFERENCES companies(id),
  product_name TEXT NOT NULL,
  file_name TEXT NOT NULL,
  original_filename TEXT NOT NULL,
  content_type TEXT NOT NULL,
  file_size BIGINT NOT NULL,
  description TEXT,
  product_url TEXT,
  enriched_information TEXT,
  deleted INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX products_by_company ON products(company_id, deleted, created_at);
